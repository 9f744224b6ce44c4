import { errorCatalog, type GatewayError, type ProviderIdentity } from '../../canon/index.js';
import { isWireObject } from '../shared/read-fields.js';
import { buildUpstreamError } from '../shared/upstream-error.js';

/** Upstream OpenAI-style error response → GatewayError (also reads vLLM's flat and numeric-code forms). */
export function decodeOpenAiError(
  status: number,
  body: string,
  headers: Record<string, string>,
  provider: ProviderIdentity,
): GatewayError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const { code, message } = readErrorFields(parsed, body);
  return buildUpstreamError({ provider, status, code, message, headers, body });
}

/** An error object found inside a stream (`data: {"error": {...}}`). */
export function decodeOpenAiErrorObject(
  chunk: unknown,
  status: number,
  provider: ProviderIdentity,
): GatewayError {
  const { code, message } = readErrorFields(chunk, 'upstream reported an error mid-stream');
  const wire = isWireObject(chunk) && isWireObject(chunk.error) ? chunk.error : {};
  const type = typeof wire.type === 'string' ? wire.type : '';
  // A mid-stream error carries no HTTP status of its own; infer one from its type.
  const inferred = type.includes('rate_limit')
    ? 429
    : type.includes('invalid_request')
      ? 400
      : status === 200
        ? 500
        : status;
  return buildUpstreamError({ provider, status: inferred, code, message });
}

function readErrorFields(parsed: unknown, fallback: string): { code: string | undefined; message: string } {
  const container = isWireObject(parsed) ? (isWireObject(parsed.error) ? parsed.error : parsed) : undefined;
  if (!container) return { code: undefined, message: fallback.slice(0, 300) || 'no error body' };
  const rawCode = container.code;
  const code = typeof rawCode === 'string' ? rawCode : undefined;
  const message =
    typeof container.message === 'string'
      ? container.message
      : typeof parsed === 'object' &&
          parsed !== null &&
          typeof (parsed as { error?: unknown }).error === 'string'
        ? String((parsed as { error: string }).error)
        : fallback.slice(0, 300);
  return { code, message };
}

/** GatewayError → OpenAI's error envelope and status. */
export function encodeOpenAiError(error: GatewayError): { status: number; body: unknown } {
  const entry = errorCatalog[error.kind];
  return {
    status: error.status,
    body: {
      error: {
        message: error.message,
        type: entry.openai,
        param: error.details.param ?? null,
        code: error.details.code ?? entry.openaiCode,
      },
    },
  };
}
