import type { GatewayError, ProviderIdentity } from '../../canon/index.js';
import { buildUpstreamError } from '../../codecs/shared/upstream-error.js';

/** Cohere's error body is `{"message": "..."}` (sometimes with an `id`); the status carries the kind. */
export function decodeCohereError(
  status: number,
  body: string,
  headers: Record<string, string>,
  provider: ProviderIdentity,
): GatewayError {
  let message = body.slice(0, 500);
  try {
    const parsed: unknown = JSON.parse(body);
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'message' in parsed &&
      typeof parsed.message === 'string'
    )
      message = parsed.message;
  } catch {
    // Not JSON: the raw text (bounded) is the message.
  }
  return buildUpstreamError({ provider, status, code: undefined, message, headers, body });
}
