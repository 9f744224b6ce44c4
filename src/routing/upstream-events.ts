import type { CanonEvent } from '../canon/index.js';
import type { StreamDecoder } from '../codecs/codec.js';
import { createSseParser } from '../http/index.js';

/**
 * Upstream SSE bytes → canonical events, as they arrive. `onChunk` is called for every byte chunk so the
 * caller can track idleness. Transport errors propagate as thrown GatewayErrors.
 */
export async function* decodeUpstreamEvents(
  body: AsyncIterable<Uint8Array>,
  decoder: StreamDecoder,
  onChunk: () => void,
): AsyncGenerator<CanonEvent> {
  const parser = createSseParser();
  for await (const chunk of body) {
    onChunk();
    for (const sse of parser.push(chunk)) {
      const events = decoder.push(sse);
      for (const event of events) yield event;
    }
  }
  for (const sse of parser.end()) for (const event of decoder.push(sse)) yield event;
  for (const event of decoder.end()) yield event;
}
