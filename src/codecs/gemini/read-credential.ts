import type { IncomingRequestHead } from '../codec.js';

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The caller's key: `x-goog-api-key` (what `@google/genai` sends), `Authorization: Bearer` (Vertex-style
 * clients and curl users), or the `?key=` query parameter of Google's REST examples — in that order.
 */
export function readGeminiCredential(request: IncomingRequestHead): string | undefined {
  const header = first(request.headers['x-goog-api-key'])?.trim();
  if (header) return header;
  const authorization = first(request.headers.authorization);
  if (authorization !== undefined) {
    const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match) return match[1];
  }
  const key = request.query.get('key');
  return key ? key : undefined;
}
