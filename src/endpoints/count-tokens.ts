import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from '../auth/index.js';
import { type CanonRequest, toGatewayError } from '../canon/index.js';
import type { IngressCodec, RouteParams } from '../codecs/codec.js';
import { estimatePromptTokens } from '../limits/estimate-tokens.js';
import type { Router } from '../routing/resolve-plan.js';
import { readJsonBody } from '../server/read-body.js';
import { sendError, sendJson } from '../server/respond.js';
import { isObject } from './upstream-request.js';

/** What a count-tokens route needs. */
export interface CountTokensServices {
  keys: { verify(credential: string | undefined): Principal };
  router: Router;
  maxBodyBytes: number;
}

/** One caller shape's count-tokens endpoint. */
export interface CountTokensDialect {
  codec: Pick<IngressCodec, 'readCredential' | 'encodeError'>;
  decode(body: unknown, params: RouteParams): CanonRequest;
  encode(tokens: number): unknown;
}

/**
 * Counts the prompt tokens of a request in the caller's shape without calling an upstream: the
 * request is decoded like an inference request, routed (so an unknown model is a 404 and a model the
 * key may not use a 403, as for inference), and counted with the gateway's o200k tokenizer. Nothing is
 * billed, so nothing is logged.
 */
export function createCountTokensHandler(dialect: CountTokensDialect, services: CountTokensServices) {
  return async (
    request: IncomingMessage,
    response: ServerResponse,
    query: URLSearchParams,
    params: RouteParams = {},
  ) => {
    try {
      const principal = services.keys.verify(
        dialect.codec.readCredential({ headers: request.headers, query }),
      );
      const canon = dialect.decode(await readJsonBody(request, services.maxBodyBytes), params);
      services.router.resolve(canon, principal);
      sendJson(response, 200, dialect.encode(await estimatePromptTokens(canon)));
    } catch (thrown) {
      sendError(response, dialect.codec, toGatewayError(thrown));
    }
  };
}

/** Anthropic's count_tokens body is a Messages body without `max_tokens`; the decoder wants one. */
export function withPlaceholderMaxTokens(body: unknown): unknown {
  return isObject(body) && body.max_tokens === undefined ? { ...body, max_tokens: 1 } : body;
}
