import { describe, expect, it } from 'vitest';
import { type CanonEvent, GatewayError } from '../../canon/index.js';
import { createAnthropicStreamEncoder } from './encode-stream.js';
import { decodeSseText, encodeSseText, parseSse, readFixture, streamingRequest } from './test-helpers.js';

type Payload = Record<string, unknown> & { type: string };

/**
 * Checks the grammar the official SDK relies on and returns the payloads: every event named after its
 * `type`; `message_start` first; blocks started with indexes 0..n in order, one open at a time, deltas
 * only to the open block; `message_delta` with numeric `usage.output_tokens` once all blocks stopped;
 * `message_stop` last. An `error` event may come anywhere, and nothing may follow it.
 */
function checkGrammar(text: string): Payload[] {
  const payloads = parseSse(text).map((event) => {
    const payload = JSON.parse(event.data) as Payload;
    expect(event.event).toBe(payload.type);
    return payload;
  });
  let open: number | undefined;
  let nextIndex = 0;
  payloads.forEach((payload, position) => {
    const last = position === payloads.length - 1;
    if (payload.type === 'error') {
      expect(last).toBe(true);
      return;
    }
    if (position === 0) expect(payload.type).toBe('message_start');
    switch (payload.type) {
      case 'message_start':
        expect(position).toBe(0);
        expect(payload.message).toMatchObject({
          type: 'message',
          role: 'assistant',
          content: [],
          usage: { output_tokens: expect.any(Number) },
        });
        break;
      case 'content_block_start':
        expect(open).toBeUndefined();
        expect(payload.index).toBe(nextIndex);
        open = nextIndex++;
        break;
      case 'content_block_delta':
        expect(payload.index).toBe(open);
        break;
      case 'content_block_stop':
        expect(payload.index).toBe(open);
        open = undefined;
        break;
      case 'message_delta':
        expect(open).toBeUndefined();
        expect(payload.usage).toMatchObject({ output_tokens: expect.any(Number) });
        expect(payloads[position + 1]?.type).toBe('message_stop');
        break;
      case 'message_stop':
        expect(last).toBe(true);
        break;
      default:
        throw new Error(`unexpected event ${payload.type}`);
    }
  });
  return payloads;
}

function encode(events: CanonEvent[]): Payload[] {
  return checkGrammar(encodeSseText(events));
}

const start: CanonEvent = { type: 'response-start', id: 'chatcmpl-1', model: 'gpt-4o-mini', createdAt: 1 };
const usage: CanonEvent = {
  type: 'usage',
  usage: { input: { total: 50, cacheRead: 10 }, output: { total: 20 } },
};

describe('createAnthropicStreamEncoder: the strict SSE grammar', () => {
  it.each(['stream-text.sse', 'stream-tool-use.sse', 'stream-thinking.sse'])(
    're-encodes the decoded %s validly',
    (name) => {
      const payloads = encode(decodeSseText(readFixture(name)));
      expect(payloads.at(-1)).toEqual({ type: 'message_stop' });
    },
  );

  it('carries input usage in message_start when known by then, and the final usage in message_delta', () => {
    const payloads = encode(decodeSseText(readFixture('stream-text.sse')));
    expect(payloads[0]).toMatchObject({
      message: {
        id: 'msg_01Text',
        model: 'claude-sonnet-4-5-20250929',
        usage: { input_tokens: 25, cache_read_input_tokens: 10 },
      },
    });
    expect(payloads.at(-2)).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: {
        input_tokens: 25,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 10,
        output_tokens: 15,
      },
    });
  });

  it('starts with zero input usage when usage only comes at the end (OpenAI upstream), and fixes it in message_delta', () => {
    const payloads = encode([
      start,
      { type: 'text-start', block: 0 },
      { type: 'text-delta', block: 0, text: 'Hi' },
      { type: 'text-end', block: 0 },
      { type: 'finish', finish: { unified: 'stop', raw: 'stop' } },
      usage,
    ]);
    expect(payloads[0]).toMatchObject({
      message: { id: 'msg_chatcmpl-1', model: 'gpt-4o-mini', usage: { input_tokens: 0 } },
    });
    expect(payloads.at(-2)).toMatchObject({
      usage: { input_tokens: 40, cache_read_input_tokens: 10, output_tokens: 20 },
    });
  });

  it('sequences interleaved tool calls (OpenAI parallel calls) into consecutive blocks with their own arguments', () => {
    const payloads = encode([
      start,
      { type: 'tool-call-start', block: 0, callId: 'call_a', toolName: 'f' },
      { type: 'tool-call-delta', block: 0, argumentsDelta: '{"a"' },
      { type: 'tool-call-start', block: 1, callId: 'call_b', toolName: 'g' },
      { type: 'tool-call-delta', block: 1, argumentsDelta: '{"b":2}' },
      { type: 'tool-call-delta', block: 0, argumentsDelta: ':1}' },
      { type: 'tool-call-end', block: 0 },
      { type: 'tool-call-end', block: 1 },
      { type: 'finish', finish: { unified: 'tool-calls' } },
    ]);
    const json = (index: number) =>
      payloads
        .filter((payload) => payload.type === 'content_block_delta' && payload.index === index)
        .map((payload) => (payload.delta as { partial_json: string }).partial_json)
        .join('');
    expect(
      payloads
        .filter((payload) => payload.type === 'content_block_start')
        .map((payload) => payload.content_block),
    ).toEqual([
      { type: 'tool_use', id: 'call_a', name: 'f', input: {} },
      { type: 'tool_use', id: 'call_b', name: 'g', input: {} },
    ]);
    expect([json(0), json(1)]).toEqual(['{"a":1}', '{"b":2}']);
    expect(payloads.at(-2)).toMatchObject({ delta: { stop_reason: 'tool_use' } });
  });

  it('renders thinking with a signature_delta before its stop, and redacted thinking whole in its start', () => {
    const payloads = encode([
      start,
      { type: 'reasoning-start', block: 0 },
      { type: 'reasoning-delta', block: 0, text: 'hmm' },
      { type: 'reasoning-end', block: 0, signature: 'sig' },
      { type: 'reasoning-start', block: 1 },
      { type: 'reasoning-end', block: 1, redactedData: 'opaque' },
      { type: 'refusal-delta', block: 2, text: 'No.' },
      { type: 'finish', finish: { unified: 'content-filter' } },
    ]);
    expect(payloads.slice(1, -2)).toEqual([
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'hmm' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'redacted_thinking', data: 'opaque' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 2, delta: { type: 'text_delta', text: 'No.' } },
      { type: 'content_block_stop', index: 2 },
    ]);
    expect(payloads.at(-2)).toMatchObject({ delta: { stop_reason: 'refusal' } });
  });

  it('puts the gateway summary on message_delta', () => {
    const payloads = encode([
      start,
      { type: 'finish', finish: { unified: 'stop' } },
      {
        type: 'gateway-summary',
        summary: { requestId: 'r1', candidates: [], attempts: 2, fallbackUsed: true, costUsd: null },
      },
    ]);
    expect(payloads.map((payload) => payload.type)).toEqual([
      'message_start',
      'message_delta',
      'message_stop',
    ]);
    expect(payloads[1]).toMatchObject({
      switchyard: { request_id: 'r1', attempts: 2, fallback_used: true, cost_usd: null },
    });
  });

  it('ignores alternative choices (n > 1) and warnings', () => {
    const payloads = encode([
      start,
      { type: 'text-delta', block: 0, text: 'A' },
      { type: 'text-delta', block: 0, text: 'B', choice: 1 },
      { type: 'warning', warning: { code: 'x', message: 'y' } },
      { type: 'finish', finish: { unified: 'stop' } },
      { type: 'finish', finish: { unified: 'length' }, choice: 1 },
    ]);
    expect(payloads.filter((payload) => payload.type === 'content_block_delta')).toHaveLength(1);
    expect(payloads.at(-2)).toMatchObject({ delta: { stop_reason: 'end_turn' } });
  });
});

describe('createAnthropicStreamEncoder: failures', () => {
  it('an error event becomes `event: error` in Anthropic’s envelope, and nothing follows', () => {
    const encoder = createAnthropicStreamEncoder(streamingRequest());
    const frames = [start, { type: 'text-delta', block: 0, text: 'Hal' } as const].flatMap((event) =>
      encoder.push(event),
    );
    const errorFrames = encoder.push({
      type: 'error',
      error: new GatewayError('upstream_overloaded', 'anthropic is overloaded'),
    });
    expect(errorFrames).toEqual([
      {
        event: 'error',
        data: JSON.stringify({
          type: 'error',
          error: { type: 'overloaded_error', message: 'anthropic is overloaded' },
        }),
      },
    ]);
    expect(encoder.push({ type: 'finish', finish: { unified: 'stop' } })).toEqual([]);
    expect(encoder.end()).toEqual([]);
    expect(frames[0]).toMatchObject({ event: 'message_start' });
  });

  it('a decoded error fixture and a truncated fixture both end in `event: error`', () => {
    for (const name of ['stream-error.sse', 'stream-truncated.sse']) {
      const payloads = encode(decodeSseText(readFixture(name)));
      expect(payloads.at(-1)).toMatchObject({
        type: 'error',
        error: { type: expect.stringMatching(/overloaded_error|api_error/) },
      });
    }
  });

  it('an error before any content is the only event', () => {
    const payloads = encode([{ type: 'error', error: new GatewayError('upstream_timeout', 'too slow') }]);
    expect(payloads).toEqual([{ type: 'error', error: { type: 'timeout_error', message: 'too slow' } }]);
  });

  it('events that stop without a finish end in an error rather than a clean message_stop', () => {
    const payloads = encode([start, { type: 'text-delta', block: 0, text: 'Hal' }]);
    expect(payloads.at(-1)).toMatchObject({ type: 'error', error: { type: 'api_error' } });
    expect(payloads.some((payload) => payload.type === 'message_stop')).toBe(false);
  });
});
