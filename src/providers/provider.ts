import type { CanonRequest, CanonResponse, GatewayError, Warning } from '../canon/index.js';
import type { StreamDecoder } from '../codecs/codec.js';
import type { HttpRequestSpec, TransportTimeouts } from '../http/index.js';

/**
 * One configured upstream: pure functions that turn canonical requests into HTTP requests and upstream
 * answers back into canonical ones. Transport, retries and timeouts live elsewhere.
 */
export interface ProviderAdapter {
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
  buildRequest(request: CanonRequest, upstreamModel: string): { spec: HttpRequestSpec; warnings: Warning[] };
  decodeResponse(body: unknown, upstreamModel: string): CanonResponse;
  createStreamDecoder(upstreamModel: string): StreamDecoder;
  decodeError(
    status: number,
    body: string,
    headers: Record<string, string>,
    upstreamModel: string,
  ): GatewayError;
}
