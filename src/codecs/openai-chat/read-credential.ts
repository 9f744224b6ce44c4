import type { IncomingRequestHead } from '../codec.js';

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The caller's key: `Authorization: Bearer`, `X-API-Key`/`x-api-key` or `api-key` (Azure style).
 * Node lower-cases header names, so one lookup covers every spelling.
 */
export function readOpenAiCredential(request: IncomingRequestHead): string | undefined {
  const authorization = first(request.headers.authorization);
  if (authorization !== undefined) {
    const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match) return match[1];
  }
  return first(request.headers['x-api-key']) ?? first(request.headers['api-key']);
}
