// Helpers shared by this codec's tests: fixture loading and SSE text in and out of the codec.
import { readFileSync } from 'node:fs';
import { type CanonEvent, type CanonRequest, GatewayError } from '../../canon/index.js';
import { createSseParser, encodeSseFrame, type SseEvent } from '../../http/index.js';
import { createAnthropicStreamDecoder } from './decode-stream.js';
import { createAnthropicStreamEncoder } from './encode-stream.js';

export const testProvider = { id: 'anthropic', model: 'claude-sonnet-4-5' };

export function readFixture(name: string): string {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
}

export function readJsonFixture(name: string): Record<string, unknown> {
  return JSON.parse(readFixture(name)) as Record<string, unknown>;
}

export function parseSse(text: string): SseEvent[] {
  const parser = createSseParser();
  return [...parser.push(text), ...parser.end()];
}

/** Upstream SSE text → canonical events, as the gateway would decode it. */
export function decodeSseText(text: string): CanonEvent[] {
  const decoder = createAnthropicStreamDecoder(testProvider);
  return [...parseSse(text).flatMap((event) => decoder.push(event)), ...decoder.end()];
}

/** Canonical events → the SSE text an Anthropic-shaped caller receives. */
export function encodeSseText(events: CanonEvent[], request: CanonRequest = streamingRequest()): string {
  const encoder = createAnthropicStreamEncoder(request);
  return [...events.flatMap((event) => encoder.push(event)), ...encoder.end()].map(encodeSseFrame).join('');
}

export function streamingRequest(): CanonRequest {
  return {
    model: 'alias',
    messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    sampling: { maxOutputTokens: 100 },
    stream: true,
    streamUsage: true,
    vendor: {},
  };
}

/** Runs `action`, which must throw a GatewayError, and returns it. */
export function catchGatewayError(action: () => unknown): GatewayError {
  try {
    action();
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}
