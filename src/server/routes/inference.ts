import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from '../../auth/index.js';
import { GatewayError, toGatewayError } from '../../canon/index.js';
import type { IngressCodec, RouteParams } from '../../codecs/codec.js';
import { encodeSummaryObject } from '../../codecs/shared/encode-summary.js';
import { Cancellation } from '../../http/index.js';
import type { Pipeline } from '../../pipeline/compose.js';
import type { RequestContext } from '../../pipeline/context.js';
import { createRequestId } from '../../pipeline/request-id.js';
import type { Logger } from '../../telemetry/logger.js';
import { fingerprintOf, type IdempotencyCache, recordResponse } from '../idempotency.js';
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
  /** Replays answers to retried requests that carry an `Idempotency-Key`. */
  idempotency?: { cache: IdempotencyCache; keys: { verify(credential: string | undefined): Principal } };
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
    // Most requests carry no Idempotency-Key: they skip the claim (and its extra await) entirely.
    const idempotent =
      request.headers[idempotencyHeader] === undefined
        ? undefined
        : await claimIdempotency(request, response, query, routeParams, ingress, dependencies);
    if (idempotent === 'answered') return;
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
      readBody: idempotent
        ? () => Promise.resolve(idempotent.body)
        : () => readJsonBody(request, dependencies.maxBodyBytes),
      rawBody: undefined,
      fallbackUsed: false,
      attempts: [],
      warnings: [],
    };
    try {
      await answer(context, response, request, dependencies);
    } catch (thrown) {
      const error = toGatewayError(thrown);
      if (error.kind === 'internal')
        dependencies.logger.error({ err: error, requestId: context.id }, 'internal error');
      const headers = buildTransparencyHeaders(context);
      if (error.kind === 'payload_too_large') headers.connection = 'close';
      if (!response.headersSent) sendError(response, ingress, error, headers);
      else response.destroy();
    } finally {
      // Only a complete, successful answer is replayed; anything else lets the retry run (and bill) once.
      if (idempotent) idempotent.complete(context.summary !== undefined && response.statusCode < 300);
    }
  };
}

async function answer(
  context: RequestContext,
  response: ServerResponse,
  request: IncomingMessage,
  dependencies: InferenceRouteDependencies,
): Promise<void> {
  const { ingress } = context;
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
}

const idempotencyHeader = 'idempotency-key';

/**
 * For a request with an `Idempotency-Key` from a valid key: replays the stored answer (or waits for
 * the same request still running), refuses the key reused for a different request, or claims it and
 * records this answer. Requests without the header, or with a bad credential, go the normal way.
 */
async function claimIdempotency(
  request: IncomingMessage,
  response: ServerResponse,
  query: URLSearchParams,
  routeParams: RouteParams,
  ingress: IngressCodec,
  dependencies: InferenceRouteDependencies,
): Promise<'answered' | { body: unknown; complete(success: boolean): void } | undefined> {
  const header = request.headers[idempotencyHeader];
  const idempotencyKey = Array.isArray(header) ? header[0] : header;
  const setup = dependencies.idempotency;
  if (idempotencyKey === undefined || !setup) return undefined;
  let keyId: string;
  try {
    keyId = setup.keys.verify(ingress.readCredential({ headers: request.headers, query })).keyId;
  } catch {
    return undefined;
  }
  try {
    if (idempotencyKey.length === 0 || idempotencyKey.length > 255) {
      throw new GatewayError('invalid_request', 'The Idempotency-Key header must be 1 to 255 characters.', {
        param: idempotencyHeader,
      });
    }
    const body = await readJsonBody(request, dependencies.maxBodyBytes);
    const fingerprint = fingerprintOf(`${ingress.shape} ${JSON.stringify(routeParams)}`, body);
    const decision = await setup.cache.begin(`${keyId}\n${idempotencyKey}`, fingerprint);
    if (decision.action === 'mismatch') {
      throw new GatewayError(
        'invalid_request',
        'This Idempotency-Key was already used for a different request; use a new key for a new request.',
        { status: 422, code: 'idempotency_key_reused', param: idempotencyHeader },
      );
    }
    if (decision.action === 'replay') {
      response.writeHead(decision.answer.status, {
        ...decision.answer.headers,
        'x-switchyard-idempotent-replay': 'true',
      });
      response.end(decision.answer.body);
      return 'answered';
    }
    const recorded = recordResponse(response, setup.cache.maxAnswerBytes);
    return { body, complete: (success) => decision.complete(success ? recorded() : undefined) };
  } catch (thrown) {
    sendError(response, ingress, toGatewayError(thrown));
    return 'answered';
  }
}
