import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError, toGatewayError } from '../../canon/index.js';
import type { IngressCodec, RouteParams } from '../../codecs/codec.js';
import { encodeSummaryObject } from '../../codecs/shared/encode-summary.js';
import { Cancellation } from '../../http/index.js';
import type { Pipeline } from '../../pipeline/compose.js';
import type { RequestContext } from '../../pipeline/context.js';
import { createRequestId } from '../../pipeline/request-id.js';
import type { Logger } from '../../telemetry/logger.js';
import { readJsonBody } from '../read-body.js';
import { sendError, sendJson, streamEvents } from '../respond.js';
import { buildTransparencyHeaders } from '../transparency-headers.js';

/** Everything an inference route needs. */
export interface InferenceRouteDependencies {
  pipeline: Pipeline;
  maxBodyBytes: number;
  logger: Logger;
  /** Add the `switchyard` summary object to every JSON body; callers can also ask per request. */
  summaryInBody?: boolean;
}

/** The request header that asks for the `switchyard` summary object in a JSON body. */
export const summaryHeader = 'x-switchyard-summary';

/** Serves one API shape's inference endpoint through the pipeline. */
function wantsSummary(request: IncomingMessage, always: boolean | undefined): boolean {
  if (always) return true;
  const value = request.headers[summaryHeader];
  return value === 'true' || value === 'body' || value === '1';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function createInferenceHandler(ingress: IngressCodec, dependencies: InferenceRouteDependencies) {
  return async (
    request: IncomingMessage,
    response: ServerResponse,
    query: URLSearchParams,
    routeParams: RouteParams,
  ) => {
    const cancellation = new Cancellation();
    response.once('close', () => {
      if (!response.writableFinished)
        cancellation.abort(new GatewayError('client_closed', 'the client closed the connection'));
    });
    const context: RequestContext = {
      id: createRequestId(),
      receivedAt: Date.now(),
      startedAt: performance.now(),
      shape: ingress.shape,
      ingress,
      head: { headers: request.headers, query },
      routeParams,
      signal: cancellation,
      readBody: () => readJsonBody(request, dependencies.maxBodyBytes),
      rawBody: undefined,
      fallbackUsed: false,
      attempts: [],
      warnings: [],
    };
    try {
      const outcome = await dependencies.pipeline(context);
      const headers = buildTransparencyHeaders(context);
      const canonRequest = context.request as NonNullable<RequestContext['request']>;
      if (outcome.kind === 'response') {
        const body = ingress.encodeResponse(outcome.response, canonRequest);
        if (context.summary && wantsSummary(request, dependencies.summaryInBody) && isObject(body)) {
          body.switchyard = encodeSummaryObject(context.summary);
        }
        sendJson(response, 200, body, headers);
      } else await streamEvents(response, ingress, canonRequest, outcome.events, headers);
    } catch (thrown) {
      const error = toGatewayError(thrown);
      if (error.kind === 'internal')
        dependencies.logger.error({ err: error, requestId: context.id }, 'internal error');
      const headers = buildTransparencyHeaders(context);
      if (error.kind === 'payload_too_large') headers.connection = 'close';
      if (!response.headersSent) sendError(response, ingress, error, headers);
      else response.destroy();
    }
  };
}
