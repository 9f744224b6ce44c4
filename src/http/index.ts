// src/http owns the gateway's HTTP edges: the pooled undici transport to upstream providers
// (with error mapping and redaction) and server-sent events parsing and writing.
export { defaultPoolSettings, type PoolSettings, UpstreamPools } from './agents.js';
export { Cancellation, type CancelSignal, onCancel } from './cancellation.js';
export {
  createHttpClient,
  type HttpClient,
  type HttpClientOptions,
  type HttpRequestSpec,
  type SendOptions,
} from './http-client.js';
export { redactedValue, redactHeaders, truncateForLog } from './redact.js';
export { createSseParser, type SseParser } from './sse-parser.js';
export type { SseEvent, SseFrame } from './sse-types.js';
export { encodeSseFrame, SseWriter, type SseWriterOptions } from './sse-writer.js';
export {
  abortError,
  defaultTransportTimeouts,
  mapTransportError,
  type TransportTimeouts,
} from './transport-errors.js';
export { normalizeHeaders, type UpstreamResponse } from './upstream-response.js';
