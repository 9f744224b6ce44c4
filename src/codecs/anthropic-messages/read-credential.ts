import type { IncomingRequestHead } from '../codec.js';

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The caller's key. The 0.x SDK and the ai-sdk send `x-api-key` (with `anthropic-version: 2023-06-01`);
 * the 1.x SDK's `authToken` sends `Authorization: Bearer` (with `2026-10-21`). Both are accepted, and
 * `anthropic-version` is not checked: the gateway speaks every version's request surface it knows.
 */
export function readAnthropicCredential(request: IncomingRequestHead): string | undefined {
  const apiKey = first(request.headers['x-api-key'])?.trim();
  if (apiKey) return apiKey;
  const authorization = first(request.headers.authorization);
  if (authorization === undefined) return undefined;
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match ? match[1] : undefined;
}
