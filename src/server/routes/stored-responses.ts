import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from '../../auth/index.js';
import { type CanonRequest, type CanonResponse, GatewayError, toGatewayError } from '../../canon/index.js';
import {
  assignResponseId,
  openAiResponsesIngress,
  type ResponseHistory,
  type StoredResponse,
} from '../../codecs/openai-responses/index.js';
import { sendError, sendJson } from '../respond.js';

/**
 * `GET /v1/responses/{id}` and `DELETE /v1/responses/{id}` over the turn history. A turn stored by
 * another key answers exactly like a missing one, so ids cannot be probed across keys.
 */
export function createStoredResponsesHandler(
  history: ResponseHistory,
  keys: { verify(credential: string | undefined): Principal },
) {
  return async (
    request: IncomingMessage,
    response: ServerResponse,
    query: URLSearchParams,
    path: string,
  ): Promise<void> => {
    request.resume();
    try {
      const principal = keys.verify(
        openAiResponsesIngress.readCredential({ headers: request.headers, query }),
      );
      const id = decodeURIComponent(path.slice('/v1/responses/'.length));
      if (id === '' || id.includes('/')) throw notFound(id);
      const stored = await history.get(id);
      if (!stored || (stored.owner !== undefined && stored.owner !== principal.keyId)) throw notFound(id);
      if (request.method === 'DELETE') {
        await history.delete(id);
        sendJson(response, 200, { id, object: 'response', deleted: true });
        return;
      }
      sendJson(response, 200, renderStored(id, stored));
    } catch (thrown) {
      sendError(response, openAiResponsesIngress, toGatewayError(thrown));
    }
  };
}

function notFound(id: string): GatewayError {
  return new GatewayError('not_found', `Response with id '${id}' not found.`, { param: 'response_id' });
}

/** The stored answer as a Response object; request settings (tools, instructions) are not kept. */
function renderStored(id: string, stored: StoredResponse): unknown {
  const answer: CanonResponse = {
    id,
    model: stored.model,
    createdAt: stored.createdAt,
    choices: [{ index: 0, message: stored.output, finish: stored.finish ?? { unified: 'stop' } }],
    warnings: [],
    provider: { id: 'switchyard', model: stored.model },
    vendor: {},
    ...(stored.usage ? { usage: stored.usage } : {}),
  };
  const request: CanonRequest = {
    model: stored.model,
    messages: [],
    sampling: {},
    stream: false,
    streamUsage: false,
    vendor: {},
  };
  return openAiResponsesIngress.encodeResponse(answer, assignResponseId(request, id));
}
