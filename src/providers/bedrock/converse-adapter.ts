import {
  BedrockRuntimeClient,
  type BedrockRuntimeClientConfig,
  ConverseCommand,
  type ConverseCommandInput,
  ConverseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { type CanonRequest, GatewayError } from '../../canon/index.js';
import type { ResolvedProvider } from '../../config/index.js';
import { type CancelSignal, onCancel } from '../../http/index.js';
import { foldOwnExtensions } from '../own-extensions.js';
import type { PreparedSdkCall, SdkInvocation, SdkProviderAdapter } from '../provider.js';
import { decodeConverseResponse } from './converse-decode.js';
import { encodeConverseRequest } from './converse-encode.js';
import { mapBedrockError } from './converse-errors.js';
import { decodeConverseStream } from './converse-stream.js';

/**
 * AWS Bedrock through the AWS SDK's Converse and ConverseStream: the SDK signs (SigV4, or a Bedrock API
 * key as bearer token) and unframes the binary event stream; this adapter maps requests and answers.
 * The SDK's own retries are off (the router retries and falls back); aborting the attempt aborts the
 * SDK request. See docs/decisions/0012-bedrock-sdk-adapter.md.
 */
export function createBedrockAdapter(provider: ResolvedProvider): SdkProviderAdapter {
  const { preset } = provider;
  const client = new BedrockRuntimeClient(clientConfig(provider));
  const identity = (model: string) => ({ id: provider.name, model });
  async function send(
    stream: boolean,
    input: ConverseCommandInput,
    model: string,
    signal: CancelSignal,
  ): Promise<SdkInvocation> {
    const abort = toAbortSignal(signal);
    const mapError = (error: unknown): GatewayError =>
      signal.aborted && signal.reason instanceof GatewayError
        ? signal.reason
        : mapBedrockError(error, identity(model));
    try {
      if (!stream) {
        const output = await client.send(new ConverseCommand(input), { abortSignal: abort.signal });
        abort.dispose();
        return { kind: 'response', response: decodeConverseResponse(output, identity(model)) };
      }
      const output = await client.send(new ConverseStreamCommand(input), { abortSignal: abort.signal });
      if (!output.stream)
        throw new GatewayError('upstream_protocol', `${provider.name}: ConverseStream without a stream`);
      const events = decodeConverseStream(
        output.stream,
        identity(model),
        output.$metadata.requestId,
        mapError,
      );
      return { kind: 'stream', events: disposeAfter(events, abort.dispose) };
    } catch (error) {
      abort.dispose();
      throw mapError(error);
    }
  }
  return {
    transport: 'sdk',
    name: provider.name,
    type: preset.id,
    catalogProvider: preset.catalogProvider ?? preset.id,
    selfHosted: preset.selfHosted,
    baseUrl: provider.baseUrl,
    timeouts: provider.timeouts,
    close: () => client.destroy(),
    prepare(request: CanonRequest, model: string): PreparedSdkCall {
      const own = foldOwnExtensions(request, 'bedrock', [preset.id, provider.name]);
      const { input, warnings } = encodeConverseRequest(own, model);
      return { warnings, send: (signal) => send(request.stream, input, model, signal) };
    },
  };
}

function clientConfig(provider: ResolvedProvider): BedrockRuntimeClientConfig {
  const { options, secrets, timeouts } = provider;
  const config: BedrockRuntimeClientConfig = {
    region: options.region,
    endpoint: provider.baseUrl,
    // One try per attempt: retries and fallbacks are the router's, with its own budget.
    maxAttempts: 1,
    requestHandler: { connectionTimeout: timeouts.connectMs, requestTimeout: timeouts.bodyMs },
  };
  const accessKeyId = options.accessKeyId;
  const secretAccessKey = secrets.secretAccessKey?.reveal();
  const apiKey = provider.apiKey?.reveal();
  if (accessKeyId && secretAccessKey) {
    const sessionToken = secrets.sessionToken?.reveal();
    config.credentials = { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
  } else if (apiKey) {
    // A Bedrock API key is sent as a bearer token instead of a SigV4 signature.
    config.token = { token: apiKey };
    config.authSchemePreference = ['httpBearerAuth'];
  }
  // Otherwise the SDK's default chain (environment, profile, SSO, instance role) supplies credentials.
  return config;
}

/** A standard AbortSignal that follows the gateway's cancellation, for the SDK. */
function toAbortSignal(signal: CancelSignal): { signal: AbortSignal; dispose: () => void } {
  if (signal instanceof AbortSignal) return { signal, dispose: () => {} };
  const controller = new AbortController();
  if (signal.aborted) controller.abort(signal.reason);
  const stop = onCancel(signal, () => controller.abort(signal.reason));
  return { signal: controller.signal, dispose: stop };
}

async function* disposeAfter<Value>(
  values: AsyncGenerator<Value>,
  dispose: () => void,
): AsyncGenerator<Value> {
  try {
    yield* values;
  } finally {
    dispose();
  }
}
