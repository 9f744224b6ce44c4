import type { EndpointKind, GatewayError, ProviderIdentity } from '../canon/index.js';
import type { ResolvedProvider } from '../config/index.js';
import type { HttpRequestSpec, UpstreamResponse } from '../http/index.js';

/** What one non-chat call consumed, in the units its price is quoted in. */
export interface EndpointUsage {
  inputTokens?: number;
  outputTokens?: number;
  images?: number;
  /** Characters of text spoken (text-to-speech). */
  characters?: number;
  /** Seconds of audio heard (transcription). */
  seconds?: number;
  /** Cohere search units: one query over up to 100 documents. */
  searchUnits?: number;
  /** The counts are the gateway's estimate, not the provider's report. */
  estimated?: boolean;
}

/** The wire protocol an upstream speaks for these endpoints (a preset's `protocol`, plus Cohere's). */
export type EndpointProtocol = ResolvedProvider['preset']['protocol'];

/** The deployment an egress builds a request for. */
export interface EgressTarget {
  provider: ResolvedProvider;
  /** The model name the upstream knows. */
  model: string;
}

/**
 * How one upstream protocol performs one endpoint: pure request building, response reading and
 * error mapping. Transport, retries and accounting are the runner's.
 */
export interface EndpointEgress<Input, Output> {
  buildRequest(input: Input, target: EgressTarget): HttpRequestSpec;
  /** Reads a 2xx answer; throws GatewayError('upstream_protocol') on one it cannot read. */
  readResponse(response: UpstreamResponse, input: Input, target: EgressTarget): Promise<Output>;
  decodeError(
    status: number,
    body: string,
    headers: Record<string, string>,
    provider: ProviderIdentity,
  ): GatewayError;
}

/** One non-chat endpoint: which protocols serve it and how its usage is read. */
export interface EndpointDefinition<Input, Output> {
  endpoint: EndpointKind;
  egress: Partial<Record<EndpointProtocol, EndpointEgress<Input, Output>>>;
  usageOf(output: Output, input: Input): EndpointUsage;
}

/** What the caller asked for, decoded from its request. */
export interface EndpointCall<Input> {
  model: string;
  /** `models: [...]`: further models to try, in order. */
  fallbackModels?: string[];
  input: Input;
  endUser?: string;
}

/** What goes back to the caller. */
export type EndpointReply =
  | { kind: 'json'; body: unknown }
  | { kind: 'bytes'; contentType: string; bytes: Uint8Array }
  | { kind: 'text'; contentType: string; text: string };
