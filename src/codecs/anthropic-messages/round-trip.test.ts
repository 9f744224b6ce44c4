import { describe, expect, it } from 'vitest';
import {
  type AssistantMessage,
  type CanonEvent,
  type CanonMessage,
  type CanonRequest,
  type CanonResponse,
  collectEvents,
  replayResponse,
  type ToolCallPart,
} from '../../canon/index.js';
import { decodeAnthropicRequest } from './decode-request.js';
import { decodeAnthropicResponse } from './decode-response.js';
import { encodeAnthropicRequest } from './encode-request.js';
import { encodeAnthropicResponse } from './encode-response.js';
import { decodeSseText, encodeSseText, readFixture, readJsonFixture, testProvider } from './test-helpers.js';

/** mulberry32: a seeded generator, so a failing case is reproducible from its seed. */
function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
  const integer = (below: number) => Math.floor(next() * below);
  const pick = <Item>(items: readonly Item[]): Item => items[integer(items.length)] as Item;
  const words = ['alpha', 'Paris', '18°C', 'naïve', 'line\nbreak', '"quoted"', 'emoji 🚆', '{json}', 'x'];
  const text = () => Array.from({ length: 1 + integer(4) }, () => pick(words)).join(' ');
  const id = () => `toolu_${Math.floor(next() * 1e9).toString(36)}`;
  const json = () =>
    JSON.stringify(
      Object.fromEntries(
        Array.from({ length: integer(3) }, () => [pick(words), pick([1, 'v', true, null, [2]])]),
      ),
    );
  return { next, integer, pick, text, id, json };
}
type Random = ReturnType<typeof createRandom>;

const finishes = [
  { unified: 'stop', raw: 'end_turn' },
  { unified: 'stop', raw: 'stop_sequence' },
  { unified: 'length', raw: 'max_tokens' },
  { unified: 'tool-calls', raw: 'tool_use' },
  { unified: 'content-filter', raw: 'refusal' },
  { unified: 'stop', raw: 'pause_turn' },
] as const;

function assistantParts(random: Random, withTools: boolean): AssistantMessage['content'] {
  const parts: AssistantMessage['content'] = [];
  if (random.next() < 0.4)
    parts.push({ type: 'reasoning', text: random.text(), signature: `sig${random.integer(1e6)}` });
  if (random.next() < 0.2)
    parts.push({ type: 'reasoning', text: '', redactedData: `red${random.integer(1e6)}` });
  for (let count = 1 + random.integer(2); count > 0; count -= 1)
    parts.push({ type: 'text', text: random.text() });
  if (withTools) {
    for (let count = 1 + random.integer(3); count > 0; count -= 1) {
      parts.push({
        type: 'tool-call',
        callId: random.id(),
        toolName: random.pick(['get_weather', 'get_time']),
        argumentsJson: random.json(),
      });
    }
  }
  return parts;
}

function randomResponse(random: Random): CanonResponse {
  const input = random.integer(5000);
  const cacheRead = random.integer(input + 1);
  const cacheWrite = random.integer(input - cacheRead + 1);
  return {
    id: `msg_${random.integer(1e9)}`,
    model: 'claude-sonnet-4-5',
    createdAt: 0,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: assistantParts(random, random.next() < 0.5) },
        finish: random.pick(finishes),
      },
    ],
    usage: {
      input: { total: input, cacheRead, cacheWrite },
      output: { total: 4000, ...(random.next() < 0.5 ? { reasoning: random.integer(4000) } : {}) },
    },
    warnings: [],
    provider: testProvider,
    vendor: {},
  };
}

/** A conversation in the normal form Anthropic's wire encodes one way only (no mergeable turns). */
function randomRequest(random: Random): CanonRequest {
  const messages: CanonMessage[] = [];
  if (random.next() < 0.5)
    messages.push({ role: 'system', content: [{ type: 'text', text: random.text() }] });
  let calls: ToolCallPart[] = [];
  for (let turn = 1 + random.integer(4); turn > 0; turn -= 1) {
    if (calls.length > 0) {
      messages.push({
        role: 'tool',
        content: calls.map((call) => ({
          type: 'tool-result',
          callId: call.callId,
          toolName: call.toolName,
          content: [{ type: 'text', text: random.text() }],
          ...(random.next() < 0.3 ? { isError: true } : {}),
        })),
      });
    }
    if (calls.length === 0 || random.next() < 0.5) {
      const content: Extract<CanonMessage, { role: 'user' }>['content'] = [
        { type: 'text', text: random.text() },
      ];
      if (random.next() < 0.3)
        content.push({ type: 'image', source: { kind: 'url', url: 'https://example.com/a.png' } });
      messages.push({ role: 'user', content });
    }
    const assistant = assistantParts(random, random.next() < 0.5);
    messages.push({ role: 'assistant', content: assistant });
    calls = assistant.filter((part): part is ToolCallPart => part.type === 'tool-call');
  }
  return {
    model: 'claude-x',
    messages: calls.length > 0 ? messages.slice(0, -1) : messages,
    sampling: { maxOutputTokens: 1 + random.integer(8000), temperature: random.integer(11) / 10 },
    tools: [
      { name: 'get_weather', inputSchema: { type: 'object', properties: {} } },
      { name: 'get_time', description: 'Time', inputSchema: { type: 'object' } },
    ],
    ...(random.next() < 0.5
      ? { toolChoice: random.pick(['auto', 'none', 'required', { toolName: 'get_time' }] as const) }
      : {}),
    ...(random.next() < 0.5 ? { stream: true, streamUsage: true } : { stream: false, streamUsage: false }),
    vendor: {},
  };
}

/** Splits text deltas into random pieces: a decoder must not depend on how the upstream chunked them. */
function rechunk(events: CanonEvent[], random: Random): CanonEvent[] {
  return events.flatMap((event) => {
    if (event.type !== 'text-delta' && event.type !== 'tool-call-delta') return [event];
    const text = event.type === 'text-delta' ? event.text : event.argumentsDelta;
    const cut = random.integer(text.length + 1);
    const pieces = [text.slice(0, cut), text.slice(cut)].filter((piece) => piece.length > 0);
    return pieces.map(
      (piece): CanonEvent =>
        event.type === 'text-delta' ? { ...event, text: piece } : { ...event, argumentsDelta: piece },
    );
  });
}

const withoutTimes = (response: CanonResponse) => {
  const { raw: _raw, ...usage } = response.usage ?? { input: { total: 0 }, output: { total: 0 } };
  return { ...response, createdAt: 0, usage };
};
const seeds = Array.from({ length: 60 }, (_, index) => index + 1);

describe('Anthropic codec round trips: recorded fixtures', () => {
  it('request: decode(encode(decode(x))) equals decode(x)', () => {
    const once = decodeAnthropicRequest(readJsonFixture('full-request.json'));
    const { body } = encodeAnthropicRequest(once, once.model, { defaultMaxTokens: 4096 });
    expect(decodeAnthropicRequest(body)).toEqual(once);
  });

  it.each(['response-text.json', 'response-tool-use.json', 'response-thinking.json'])(
    'response %s: decode(encode(r)) equals r',
    (name) => {
      const response = decodeAnthropicResponse(readJsonFixture(name), testProvider);
      expect(withoutTimes(decodeAnthropicResponse(encodeAnthropicResponse(response), testProvider))).toEqual(
        withoutTimes(response),
      );
    },
  );

  it.each(['stream-text.sse', 'stream-tool-use.sse', 'stream-thinking.sse'])(
    'stream %s: collect(decode(encode(events))) equals collect(events)',
    (name) => {
      const events = decodeSseText(readFixture(name));
      const again = decodeSseText(encodeSseText(events));
      expect(withoutTimes(collectEvents(again, testProvider))).toEqual(
        withoutTimes(collectEvents(events, testProvider)),
      );
    },
  );
});

describe('Anthropic codec round trips: generated cases', () => {
  it.each(seeds)('request, seed %i: decode(encode(x)) equals x', (seed) => {
    const request = randomRequest(createRandom(seed));
    const { body, warnings } = encodeAnthropicRequest(request, request.model, { defaultMaxTokens: 4096 });
    expect(warnings).toEqual([]);
    expect(decodeAnthropicRequest(body)).toEqual(request);
  });

  it.each(seeds)('response, seed %i: decode(encode(r)) equals r', (seed) => {
    const response = randomResponse(createRandom(seed));
    expect(withoutTimes(decodeAnthropicResponse(encodeAnthropicResponse(response), testProvider))).toEqual(
      withoutTimes(response),
    );
  });

  it.each(seeds)(
    'stream, seed %i: collect(decode(encode(events))) equals the response the events replay',
    (seed) => {
      const random = createRandom(seed);
      const response = randomResponse(random);
      const events = rechunk(replayResponse(response), random);
      const collected = collectEvents(decodeSseText(encodeSseText(events)), testProvider);
      expect(withoutTimes(collected)).toEqual(withoutTimes(response));
    },
  );
});
