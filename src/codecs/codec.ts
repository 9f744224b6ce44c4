import type {
  CanonEvent,
  CanonRequest,
  CanonResponse,
  GatewayError,
  ShapeId,
  Warning,
} from '../canon/index.js';
import type { SseEvent, SseFrame } from '../http/sse-types.js';

/** Upstream SSE events → canonical events. `end()` reports a stream that stopped without finishing. */
export interface StreamDecoder {
  push(event: SseEvent): CanonEvent[];
  end(): CanonEvent[];
}

/** Canonical events → SSE frames of one API shape. */
export interface StreamEncoder {
  push(event: CanonEvent): SseFrame[];
  end(): SseFrame[];
}

/** The head of an incoming HTTP request, as much as a codec needs to find the caller's credential. */
export interface IncomingRequestHead {
  headers: Record<string, string | string[] | undefined>;
  query: URLSearchParams;
}

/** Facts from the URL (Gemini and Azure put the model in the path). */
export interface RouteParams {
  model?: string;
  stream?: boolean;
}

/** What a caller speaks to us. */
export interface IngressCodec {
  shape: ShapeId;
  readCredential(request: IncomingRequestHead): string | undefined;
  /** Throws GatewayError('invalid_request') naming the offending field. */
  decodeRequest(body: unknown, route: RouteParams): CanonRequest;
  encodeResponse(response: CanonResponse, request: CanonRequest): unknown;
  createStreamEncoder(request: CanonRequest): StreamEncoder;
  encodeError(error: GatewayError): { status: number; body: unknown };
}

/** What an upstream speaks; provider adapters reuse one. */
export interface EgressCodec {
  shape: ShapeId;
  encodeRequest(
    request: CanonRequest,
    upstreamModel: string,
  ): { body: Record<string, unknown>; warnings: Warning[] };
  /** Throws GatewayError('upstream_protocol') on a body it cannot read. */
  decodeResponse(body: unknown, provider: { id: string; model: string }): CanonResponse;
  createStreamDecoder(provider: { id: string; model: string }): StreamDecoder;
  decodeError(
    status: number,
    body: string,
    headers: Record<string, string>,
    provider: { id: string; model: string },
  ): GatewayError;
}
