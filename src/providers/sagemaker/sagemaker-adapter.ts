import {
  InvokeEndpointCommand,
  type InvokeEndpointCommandInput,
  InvokeEndpointWithResponseStreamCommand,
  type ResponseStream,
  SageMakerRuntimeClient,
  type SageMakerRuntimeClientConfig,
} from '@aws-sdk/client-sagemaker-runtime';
import {
  type CanonEvent,
  type CanonRequest,
  GatewayError,
  type ProviderIdentity,
} from '../../canon/index.js';
import {
  createOpenAiChatStreamDecoder,
  decodeOpenAiChatResponse,
  decodeOpenAiError,
  encodeOpenAiChatRequest,
} from '../../codecs/openai-chat/index.js';
import { buildUpstreamError } from '../../codecs/shared/upstream-error.js';
import type { ResolvedProvider } from '../../config/index.js';
import { type CancelSignal, createSseParser, onCancel } from '../../http/index.js';
import { applyQuirks } from '../openai-compatible/apply-quirks.js';
import { foldOwnExtensions } from '../own-extensions.js';
import type { PreparedSdkCall, SdkInvocation, SdkProviderAdapter } from '../provider.js';

/**
 * SageMaker endpoints whose container speaks OpenAI chat: the body is an OpenAI chat request (without
 * `model`: the endpoint is the model), the answer an OpenAI completion; a streamed answer is the
 * container's SSE bytes carried in event-stream `PayloadPart`s, which are re-parsed as SSE here.
 */
export function createSageMakerAdapter(provider: ResolvedProvider): SdkProviderAdapter {
  const { preset, options, secrets, timeouts } = provider;
  const config: SageMakerRuntimeClientConfig = {
    region: options.region,
    endpoint: provider.baseUrl,
    maxAttempts: 1,
    requestHandler: { connectionTimeout: timeouts.connectMs, requestTimeout: timeouts.bodyMs },
  };
  const secretAccessKey = secrets.secretAccessKey?.reveal();
  if (options.accessKeyId && secretAccessKey) {
    const sessionToken = secrets.sessionToken?.reveal();
    config.credentials = {
      accessKeyId: options.accessKeyId,
      secretAccessKey,
      ...(sessionToken ? { sessionToken } : {}),
    };
  }
  const client = new SageMakerRuntimeClient(config);
  const identity = (model: string): ProviderIdentity => ({ id: provider.name, model });
  return {
    transport: 'sdk',
    name: provider.name,
    type: preset.id,
    catalogProvider: preset.catalogProvider ?? preset.id,
    selfHosted: preset.selfHosted,
    baseUrl: provider.baseUrl,
    timeouts,
    close: () => client.destroy(),
    prepare(request: CanonRequest, endpointName: string): PreparedSdkCall {
      const own = foldOwnExtensions(request, 'openai', [preset.id, provider.name]);
      const encoded = encodeOpenAiChatRequest(own, endpointName, {
        maxTokensField: 'max_tokens',
        streamUsage: true,
      });
      const warnings = [...encoded.warnings, ...applyQuirks(encoded.body, own, preset.quirks, provider.name)];
      // The endpoint is the model: containers serve one model and some reject an unknown name.
      const { model: _endpoint, ...body } = encoded.body;
      const input = {
        EndpointName: endpointName,
        ContentType: 'application/json',
        Accept: request.stream ? 'text/event-stream' : 'application/json',
        Body: Buffer.from(JSON.stringify(body)),
      };
      return {
        warnings,
        send: (signal) => send(request.stream, input, identity(endpointName), signal, client),
      };
    },
  };
}

/** Sends one prepared call; the SDK request follows the attempt's cancellation. */
async function send(
  stream: boolean,
  input: InvokeEndpointCommandInput,
  provider: ProviderIdentity,
  signal: CancelSignal,
  client: SageMakerRuntimeClient,
): Promise<SdkInvocation> {
  const abort = new AbortController();
  const stop = onCancel(signal, () => abort.abort(signal.reason));
  if (signal.aborted) abort.abort(signal.reason);
  const mapError = (error: unknown) =>
    signal.aborted && signal.reason instanceof GatewayError
      ? signal.reason
      : mapSageMakerError(error, provider);
  try {
    if (!stream) {
      const output = await client.send(new InvokeEndpointCommand(input), { abortSignal: abort.signal });
      stop();
      const json: unknown = JSON.parse(Buffer.from(output.Body ?? new Uint8Array()).toString('utf8'));
      return { kind: 'response', response: decodeOpenAiChatResponse(json, provider) };
    }
    const output = await client.send(new InvokeEndpointWithResponseStreamCommand(input), {
      abortSignal: abort.signal,
    });
    if (!output.Body) throw new GatewayError('upstream_protocol', `${provider.id}: response stream missing`);
    return { kind: 'stream', events: decodePayloadStream(output.Body, provider, mapError, stop) };
  } catch (error) {
    stop();
    throw mapError(error);
  }
}

/** PayloadPart bytes → SSE → OpenAI chat chunks → canonical events; stream errors end it in-band. */
async function* decodePayloadStream(
  stream: AsyncIterable<ResponseStream>,
  provider: ProviderIdentity,
  mapError: (error: unknown) => GatewayError,
  dispose: () => void,
): AsyncGenerator<CanonEvent> {
  const parser = createSseParser();
  const decoder = createOpenAiChatStreamDecoder(provider);
  try {
    for await (const part of stream) {
      const failure = part.ModelStreamError ?? part.InternalStreamFailure;
      if (failure) {
        const code = part.ModelStreamError?.ErrorCode ?? 'InternalStreamFailure';
        const message = failure.Message ?? 'stream failed';
        yield { type: 'error', error: buildUpstreamError({ provider, status: 502, code, message }) };
        return;
      }
      if (!part.PayloadPart?.Bytes) continue;
      for (const sse of parser.push(part.PayloadPart.Bytes)) yield* decoder.push(sse);
    }
    for (const sse of parser.end()) yield* decoder.push(sse);
    yield* decoder.end();
  } catch (error) {
    yield { type: 'error', error: mapError(error) };
  } finally {
    dispose();
  }
}

/** SageMaker errors → GatewayError; a container's own error (ModelError) is read as an OpenAI error. */
export function mapSageMakerError(error: unknown, provider: ProviderIdentity): GatewayError {
  if (error instanceof GatewayError) return error;
  if (isServiceError(error)) {
    if (error.name === 'ModelError' && typeof error.OriginalStatusCode === 'number') {
      return decodeOpenAiError(
        error.OriginalStatusCode,
        error.OriginalMessage ?? error.message,
        {},
        provider,
      );
    }
    const status = error.$metadata?.httpStatusCode ?? 500;
    return buildUpstreamError({ provider, status, code: error.name, message: error.message });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new GatewayError('upstream_unavailable', `${provider.id} (${provider.model}): ${message}`, {
    provider: provider.id,
    upstreamModel: provider.model,
    cause: error,
  });
}

interface ServiceError extends Error {
  $metadata?: { httpStatusCode?: number };
  OriginalStatusCode?: number;
  OriginalMessage?: string;
}

function isServiceError(error: unknown): error is ServiceError {
  return error instanceof Error && '$fault' in error;
}
