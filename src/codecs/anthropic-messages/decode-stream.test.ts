import { describe, expect, it } from 'vitest';
import { type CanonEvent, collectEvents } from '../../canon/index.js';
import { createSseParser } from '../../http/index.js';
import { createAnthropicStreamDecoder } from './decode-stream.js';
import { decodeSseText, readFixture, testProvider } from './test-helpers.js';

function lastError(events: CanonEvent[]) {
  const last = events.at(-1);
  if (last?.type !== 'error') throw new Error(`expected a final error event, got ${last?.type}`);
  return last.error;
}

const event = (payload: Record<string, unknown>) =>
  `event: ${String(payload.type)}\ndata: ${JSON.stringify(payload)}\n\n`;
const messageStart = event({
  type: 'message_start',
  message: { id: 'msg_1', model: 'claude-x', usage: { input_tokens: 5 } },
});

describe('createAnthropicStreamDecoder: recorded streams', () => {
  it('a streamed text answer: response-start, usage from message_start, text block, usage, finish', () => {
    const events = decodeSseText(readFixture('stream-text.sse'));
    expect(events.map((item) => item.type)).toEqual([
      'response-start',
      'usage',
      'text-start',
      'text-delta',
      'text-delta',
      'text-end',
      'usage',
      'finish',
    ]);
    expect(events[0]).toMatchObject({ id: 'msg_01Text', model: 'claude-sonnet-4-5-20250929' });
    expect(events[1]).toMatchObject({ usage: { input: { total: 35, cacheRead: 10 }, output: { total: 1 } } });
    const response = collectEvents(events, testProvider);
    expect(response.choices[0]?.message.content).toEqual([{ type: 'text', text: 'Hello! How can I help?' }]);
    expect(response.choices[0]?.finish).toEqual({ unified: 'stop', raw: 'end_turn' });
    expect(response.usage).toMatchObject({
      input: { total: 35, cacheRead: 10, cacheWrite: 0 },
      output: { total: 15 },
    });
  });

  it('a streamed tool_use answer: input_json_delta fragments joined, "{}" for an argument-less call', () => {
    const events = decodeSseText(readFixture('stream-tool-use.sse'));
    expect(events.filter((item) => item.type === 'tool-call-delta')).toEqual([
      { type: 'tool-call-delta', block: 1, argumentsDelta: '{"city": "Par' },
      { type: 'tool-call-delta', block: 1, argumentsDelta: 'is", "unit": "c"}' },
      { type: 'tool-call-delta', block: 2, argumentsDelta: '{}' },
    ]);
    const response = collectEvents(events, testProvider);
    expect(response.choices[0]?.message.content).toEqual([
      { type: 'text', text: 'Let me check.' },
      {
        type: 'tool-call',
        callId: 'toolu_01A',
        toolName: 'get_weather',
        argumentsJson: '{"city": "Paris", "unit": "c"}',
      },
      { type: 'tool-call', callId: 'toolu_01B', toolName: 'get_time', argumentsJson: '{}' },
    ]);
    expect(response.choices[0]?.finish).toEqual({ unified: 'tool-calls', raw: 'tool_use' });
  });

  it('a streamed thinking answer: thinking deltas, the signature at the block end, redacted thinking', () => {
    const events = decodeSseText(readFixture('stream-thinking.sse'));
    expect(events.filter((item) => item.type === 'reasoning-end')).toEqual([
      { type: 'reasoning-end', block: 0, signature: 'EqQBCkgIARABGAIiQL2x' },
      { type: 'reasoning-end', block: 1, redactedData: 'EmwKAhgBEgy3va3p' },
    ]);
    expect(collectEvents(events, testProvider).choices[0]?.message.content).toEqual([
      { type: 'reasoning', text: 'Let me analyze this step by step.', signature: 'EqQBCkgIARABGAIiQL2x' },
      { type: 'reasoning', text: '', redactedData: 'EmwKAhgBEgy3va3p' },
      { type: 'text', text: '27 * 453 = 12,231.' },
    ]);
  });

  it('an error event mid-stream becomes a terminal error, and nothing after it is decoded', () => {
    const decoder = createAnthropicStreamDecoder(testProvider);
    const parser = createSseParser();
    const events = parser.push(readFixture('stream-error.sse')).flatMap((item) => decoder.push(item));
    const error = lastError(events);
    expect(error.kind).toBe('upstream_overloaded');
    expect(error.message).toContain('Overloaded');
    expect(events.filter((item) => item.type === 'text-delta')).toHaveLength(1);
    expect(decoder.push({ event: 'message_stop', data: '{"type":"message_stop"}' })).toEqual([]);
    expect(decoder.end()).toEqual([]);
  });

  it('a truncated stream ends with an upstream_protocol error, never silently', () => {
    const events = decodeSseText(readFixture('stream-truncated.sse'));
    expect(events.filter((item) => item.type === 'text-delta')).toHaveLength(1);
    const error = lastError(events);
    expect(error.kind).toBe('upstream_protocol');
    expect(error.message).toContain('before message_stop');
    expect(() => collectEvents(events, testProvider)).toThrow(/before message_stop/);
  });

  it('decodes the same events whatever the byte boundaries of the upstream chunks', () => {
    const text = readFixture('stream-tool-use.sse');
    const whole = decodeSseText(text);
    const bytes = new TextEncoder().encode(text);
    for (const size of [1, 7, 64]) {
      const parser = createSseParser();
      const decoder = createAnthropicStreamDecoder(testProvider);
      const events: CanonEvent[] = [];
      for (let offset = 0; offset < bytes.length; offset += size) {
        for (const item of parser.push(bytes.subarray(offset, offset + size)))
          events.push(...decoder.push(item));
      }
      events.push(...decoder.end());
      const strip = (list: CanonEvent[]) =>
        list.map((item) => (item.type === 'response-start' ? { ...item, createdAt: 0 } : item));
      expect(strip(events)).toEqual(strip(whole));
    }
  });
});

describe('createAnthropicStreamDecoder: protocol violations and corners', () => {
  it.each([
    [
      'stream ends after message_delta but before message_stop',
      `${messageStart}${event({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 1 } })}`,
      'before message_stop',
    ],
    ['empty stream', '', 'before message_start'],
    [
      'malformed JSON',
      `${messageStart}event: content_block_delta\ndata: {"type":\n\n`,
      'malformed stream event',
    ],
    [
      'delta for a block that never started',
      `${messageStart}${event({ type: 'content_block_delta', index: 3, delta: { type: 'text_delta', text: 'x' } })}`,
      'never started',
    ],
    [
      'block start without an index',
      `${messageStart}${event({ type: 'content_block_start', content_block: { type: 'text' } })}`,
      'malformed content_block_start',
    ],
    [
      'content before message_start',
      event({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
      'malformed content_block_start',
    ],
    ['two message_start events', `${messageStart}${messageStart}`, 'second message_start'],
  ])('%s → upstream_protocol error', (_name, text, message) => {
    const error = lastError(decodeSseText(text));
    expect(error.kind).toBe('upstream_protocol');
    expect(error.message).toContain(message);
  });

  it('ignores ping and unknown events, citations deltas, and warns about server-tool blocks', () => {
    const events = decodeSseText(
      messageStart +
        event({ type: 'ping' }) +
        event({
          type: 'content_block_start',
          index: 0,
          content_block: { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search' },
        }) +
        event({
          type: 'content_block_delta',
          index: 0,
          delta: { type: 'input_json_delta', partial_json: '{"q":1}' },
        }) +
        event({ type: 'content_block_stop', index: 0 }) +
        event({ type: 'content_block_start', index: 1, content_block: { type: 'text', text: 'Pre' } }) +
        event({ type: 'content_block_delta', index: 1, delta: { type: 'citations_delta', citation: {} } }) +
        event({ type: 'future_event' }) +
        event({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 4 } }) +
        event({ type: 'message_stop' }),
    );
    expect(events.find((item) => item.type === 'warning')).toMatchObject({
      warning: { code: 'unsupported-content' },
    });
    const response = collectEvents(events, testProvider);
    // The text block left open by the upstream is closed at message_delta.
    expect(response.choices[0]?.message.content).toEqual([{ type: 'text', text: 'Pre' }]);
    expect(events.at(-1)).toEqual({ type: 'finish', finish: { unified: 'stop', raw: 'end_turn' } });
  });

  it('takes input usage updates from message_delta (cumulative counts replace earlier ones)', () => {
    const events = decodeSseText(
      messageStart +
        event({
          type: 'message_delta',
          delta: { stop_reason: 'max_tokens' },
          usage: { output_tokens: 9, input_tokens: 7, cache_read_input_tokens: 3 },
        }) +
        event({ type: 'message_stop' }),
    );
    const response = collectEvents(events, testProvider);
    expect(response.usage).toMatchObject({ input: { total: 10, cacheRead: 3 }, output: { total: 9 } });
    expect(response.choices[0]?.finish.unified).toBe('length');
  });

  it('a message_stop without a stop_reason still finishes', () => {
    const events = decodeSseText(messageStart + event({ type: 'message_stop' }));
    expect(events.at(-1)).toEqual({ type: 'finish', finish: { unified: 'other' } });
  });
});
