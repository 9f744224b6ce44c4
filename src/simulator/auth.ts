import { anthropicAuthenticationError } from './anthropic-errors.js';
import { invalidApiKey, type SimulatedError } from './errors.js';
import type { Exchange } from './exchange.js';
import { geminiKeyError } from './gemini-errors.js';

/**
 * Checks the request's key against `requireApiKey` where each protocol carries it (OpenAI:
 * bearer; Anthropic: `x-api-key` or bearer; Gemini: `x-goog-api-key` or `?key=`) and returns
 * the protocol's error for a missing or wrong one.
 */
export function keyError(exchange: Exchange, requiredKey: string | undefined): SimulatedError | undefined {
  if (requiredKey === undefined) return undefined;
  const headers = exchange.request.headers;
  switch (exchange.record.protocol) {
    case 'anthropic': {
      const key = headerValue(headers['x-api-key']) ?? bearerKey(headers.authorization);
      return key === requiredKey ? undefined : anthropicAuthenticationError(key);
    }
    case 'gemini': {
      const key = headerValue(headers['x-goog-api-key']) ?? exchange.query.get('key') ?? undefined;
      return key === requiredKey ? undefined : geminiKeyError(key);
    }
    default: {
      const key = bearerKey(headers.authorization);
      return key === requiredKey ? undefined : invalidApiKey(key);
    }
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function bearerKey(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined;
  return authorization.startsWith('Bearer ') ? authorization.slice(7).trim() : authorization;
}
