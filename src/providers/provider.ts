import type { CanonEvent, CanonRequest, CanonResponse, GatewayError, Warning } from '../canon/index.js';
import type { StreamDecoder } from '../codecs/codec.js';
import type { CancelSignal, HttpRequestSpec, TransportTimeouts } from '../http/index.js';

/** What every adapter tells the router and the pricing, whatever drives its requests. */
interface ProviderAdapterIdentity {
  /** The provider's name in configuration (`openai`, `local-vllm`, ...). */
  name: string;
  /** The preset id (`openai`, `groq`, `vllm`, ...). */
  type: string;
  /** The catalog provider id whose prices apply (usually `type`). */
  catalogProvider: string;
  /** Runs on the team's own hardware. */
  selfHosted: boolean;
  baseUrl: string;
  timeouts: TransportTimeouts;
}

/**
 * One configured upstream reached over the gateway's own HTTP client: pure functions that turn
 * canonical requests into HTTP requests and upstream answers back into canonical ones. Transport,
 * retries and timeouts live elsewhere.
 */
export interface HttpProviderAdapter extends ProviderAdapterIdentity {
  transport: 'http';
  buildRequest(request: CanonRequest, upstreamModel: string): { spec: HttpRequestSpec; warnings: Warning[] };
  /**
   * Adds a short-lived credential (an OAuth or IAM token fetched and cached by the adapter) to a built
   * request. Runs inside the attempt's time budget; rejects with a GatewayError (`upstream_auth` when the
   * token exchange is refused).
   */
  authorize?(spec: HttpRequestSpec, signal: CancelSignal): Promise<HttpRequestSpec>;
  decodeResponse(body: unknown, upstreamModel: string): CanonResponse;
  createStreamDecoder(upstreamModel: string): StreamDecoder;
  decodeError(
    status: number,
    body: string,
    headers: Record<string, string>,
    upstreamModel: string,
  ): GatewayError;
}

/** What an SDK-driven upstream returned: a whole answer, or the canonical events of a stream. */
export type SdkInvocation =
  | { kind: 'response'; response: CanonResponse }
  | { kind: 'stream'; events: AsyncIterable<CanonEvent> };

/** A request translated for an SDK-driven upstream, not yet sent: strict mode can still refuse it. */
export interface PreparedSdkCall {
  warnings: Warning[];
  /** Rejects, and a stream throws, only GatewayErrors; aborting `signal` closes the upstream connection. */
  send(signal: CancelSignal): Promise<SdkInvocation>;
}

/**
 * One configured upstream driven through its vendor's SDK (AWS Bedrock: the SDK signs requests and
 * frames the binary event stream), see docs/decisions/0012-bedrock-sdk-adapter.md.
 */
export interface SdkProviderAdapter extends ProviderAdapterIdentity {
  transport: 'sdk';
  prepare(request: CanonRequest, upstreamModel: string): PreparedSdkCall;
  /** Releases the SDK client's connections (HTTP/2 sessions) when the gateway stops. */
  close(): void;
}

/** One configured upstream. */
export type ProviderAdapter = HttpProviderAdapter | SdkProviderAdapter;
