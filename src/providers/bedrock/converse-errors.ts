import { BedrockRuntimeServiceException } from '@aws-sdk/client-bedrock-runtime';
import { GatewayError, type ProviderIdentity } from '../../canon/index.js';
import { buildUpstreamError } from '../../codecs/shared/upstream-error.js';

/** Bedrock's error names with the HTTP status each stands for (the stream's exceptions have none). */
const statusByName: Readonly<Record<string, number>> = {
  ValidationException: 400,
  validationException: 400,
  AccessDeniedException: 403,
  UnrecognizedClientException: 403,
  ResourceNotFoundException: 404,
  ModelTimeoutException: 408,
  ModelErrorException: 424,
  modelStreamErrorException: 424,
  ModelStreamErrorException: 424,
  ThrottlingException: 429,
  throttlingException: 429,
  ModelNotReadyException: 429,
  ServiceQuotaExceededException: 429,
  InternalServerException: 500,
  internalServerException: 500,
  ServiceUnavailableException: 503,
  serviceUnavailableException: 503,
};

/**
 * Anything the SDK threw → GatewayError: service exceptions by HTTP status and name (the message keeps
 * Bedrock's words), network failures as `upstream_unavailable`, SDK timeouts as `upstream_timeout`.
 */
export function mapBedrockError(error: unknown, provider: ProviderIdentity): GatewayError {
  if (error instanceof GatewayError) return error;
  if (error instanceof BedrockRuntimeServiceException) {
    // Exceptions raised inside an event stream carry no HTTP metadata: the name tells the status.
    const metadata: { httpStatusCode?: number } | undefined = error.$metadata;
    const status = metadata?.httpStatusCode ?? statusByName[error.name] ?? 500;
    // 424: the model itself failed; another deployment may well succeed.
    const mapped = status === 424 ? 502 : status;
    const retryAfter = error.$response?.headers?.['retry-after'];
    return buildUpstreamError({
      provider,
      status: mapped,
      code: error.name,
      message: error.message,
      headers: retryAfter ? { 'retry-after': retryAfter } : {},
    });
  }
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  const details = { provider: provider.id, upstreamModel: provider.model, cause: error };
  if (name === 'TimeoutError' || /timed? ?out/i.test(message))
    return new GatewayError('upstream_timeout', `${provider.id} (${provider.model}): ${message}`, details);
  return new GatewayError('upstream_unavailable', `${provider.id} (${provider.model}): ${message}`, details);
}

/** An exception event of ConverseStream (`throttlingException`, ...) → GatewayError. */
export function mapStreamException(
  name: string,
  message: string | undefined,
  provider: ProviderIdentity,
): GatewayError {
  return buildUpstreamError({
    provider,
    status: statusByName[name] === 424 ? 502 : (statusByName[name] ?? 500),
    code: name,
    message: message ?? name,
  });
}
