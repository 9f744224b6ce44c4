import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type CanonEvent,
  type CanonRequest,
  type CanonResponse,
  collectEvents,
  replayResponse,
  type ToolCallPart,
  type ToolResultPart,
} from '../../canon/index.js';
import { createSseParser, encodeSseFrame } from '../../http/index.js';
import { decodeGeminiRequest } from './decode-request.js';
import { decodeGeminiResponse } from './decode-response.js';
import { createGeminiStreamDecoder } from './decode-stream.js';
import { encodeGeminiRequest } from './encode-request.js';
import { encodeGeminiResponse } from './encode-response.js';
import { createGeminiStreamEncoder } from './encode-stream.js';

const provider = { id: 'google', model: 'gemini-2.5-flash' };
const route = { model: 'gemini-2.5-flash' };

function fixture(name: string): string {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
}

function decodeStreamText(text: string): CanonEvent[] {
  const decoder = createGeminiStreamDecoder(provider);
  return [
    ...createSseParser()
      .push(text)
      .flatMap((event) => decoder.push(event)),
    ...decoder.end(),
  ];
}

function encodeStreamText(events: CanonEvent[]): string {
  const encoder = createGeminiStreamEncoder(
    decodeGeminiRequest({ contents: [{ parts: [{ text: 'x' }] }] }, route),
  );
  return [...events.flatMap((event) => encoder.push(event)), ...encoder.end()].map(encodeSseFrame).join('');
}

/** Usage without the provider-native record, which differs by design between shapes. */
function comparable(response: CanonResponse) {
  const { raw: _raw, ...usage } = response.usage ?? { input: { total: 0 }, output: { total: 0 } };
  return { choices: response.choices, usage, id: response.id, model: response.model };
}

/** Which result answers which call, by the calls' arguments: ids may be renamed, pairs may not. */
function pairs(request: CanonRequest): Array<[string, string]> {
  const calls = new Map<string, ToolCallPart>();
  const found: Array<[string, string]> = [];
  for (const message of request.messages) {
    if (message.role === 'assistant') {
      for (const part of message.content) if (part.type === 'tool-call') calls.set(part.callId, part);
    }
    if (message.role === 'tool') {
      for (const result of message.content as ToolResultPart[]) {
        const call = calls.get(result.callId);
        found.push([
          call ? `${call.toolName}${call.argumentsJson}` : 'unpaired',
          JSON.stringify(result.content),
        ]);
      }
    }
  }
  return found;
}

const sampleResponse: CanonResponse = {
  id: 'msg_1',
  model: 'claude-sonnet',
  createdAt: 1700000000,
  choices: [
    {
      index: 0,
      message: {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Weather first.', signature: 'sig-a' },
          { type: 'text', text: 'Checking the weather.' },
          { type: 'reasoning', text: '', signature: 'sig-b' },
          { type: 'tool-call', callId: 'toolu_1', toolName: 'get_weather', argumentsJson: '{"city":"Oslo"}' },
        ],
      },
      finish: { unified: 'tool-calls', raw: 'STOP' },
    },
    {
      index: 1,
      message: { role: 'assistant', content: [{ type: 'text', text: 'No.' }] },
      finish: { unified: 'content-filter', raw: 'SAFETY' },
    },
  ],
  usage: { input: { total: 30, cacheRead: 4 }, output: { total: 12, reasoning: 2 } },
  warnings: [],
  provider,
  vendor: {},
};

describe('Gemini codec round trips', () => {
  it.each(['full-request.json', 'two-turn-tools-request.json'])(
    'request %s: decode(encode(decode(x))) equals decode(x)',
    (name) => {
      const once = decodeGeminiRequest(JSON.parse(fixture(name)), route);
      const twice = decodeGeminiRequest(encodeGeminiRequest(once, once.model).body, route);
      expect(twice).toEqual(once);
    },
  );

  it('request from another shape: every tool result stays paired with its call through Gemini', () => {
    const request: CanonRequest = {
      model: 'm',
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'go' }] },
        {
          role: 'assistant',
          content: [
            { type: 'tool-call', callId: 'call_A', toolName: 'f', argumentsJson: '{"n":1}' },
            { type: 'tool-call', callId: 'call_B', toolName: 'f', argumentsJson: '{"n":2}' },
            { type: 'tool-call', callId: 'call_C', toolName: 'g', argumentsJson: '{}' },
          ],
        },
        {
          role: 'tool',
          content: [
            { type: 'tool-result', callId: 'call_A', content: [{ type: 'text', text: 'one' }] },
            { type: 'tool-result', callId: 'call_B', content: [{ type: 'text', text: 'two' }] },
            { type: 'tool-result', callId: 'call_C', content: [{ type: 'text', text: 'three' }] },
          ],
        },
      ],
      sampling: {},
      stream: false,
      streamUsage: false,
      vendor: {},
    };
    const through = decodeGeminiRequest(encodeGeminiRequest(request, 'm').body, route);
    expect(pairs(through)).toEqual(pairs(request));
    expect(pairs(through).every(([call]) => call !== 'unpaired')).toBe(true);
  });

  it('response: decode(encode(r)) equals r for an answer from another provider', () => {
    const again = decodeGeminiResponse(encodeGeminiResponse(sampleResponse), provider);
    expect(comparable(again)).toEqual(comparable(sampleResponse));
  });

  it('response: a Gemini answer survives encode then decode, made-up ids included', () => {
    const once = decodeGeminiResponse(JSON.parse(fixture('thinking-response.json')), provider);
    const twice = decodeGeminiResponse(encodeGeminiResponse(once), provider);
    expect(twice).toEqual({ ...once, createdAt: twice.createdAt });
  });

  it.each(['stream-text.sse', 'stream-tools.sse'])(
    'stream %s: collect(decode(encode(events))) equals collect(events)',
    (name) => {
      const events = decodeStreamText(fixture(name));
      const again = decodeStreamText(encodeStreamText(events));
      expect(comparable(collectEvents(again, provider))).toEqual(comparable(collectEvents(events, provider)));
    },
  );

  it('stream: a replayed response re-collects to the same response', () => {
    const again = decodeStreamText(encodeStreamText(replayResponse(sampleResponse)));
    expect(comparable(collectEvents(again, provider))).toEqual(comparable(sampleResponse));
  });

  it('stream: a truncated upstream stream reaches a Gemini caller as a final error event', () => {
    const text = encodeStreamText(decodeStreamText(fixture('stream-truncated.sse')));
    const last = text.trim().split('\n\n').at(-1) ?? '';
    expect(last).toMatch(/^data: \{"error":\{"code":502,"message":".*ended before the answer was finished/);
    expect(decodeStreamText(text).at(-1)).toMatchObject({
      type: 'error',
      error: { kind: 'upstream_unavailable' },
    });
  });
});
