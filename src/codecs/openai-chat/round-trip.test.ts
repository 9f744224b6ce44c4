import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CanonEvent, type CanonResponse, collectEvents, replayResponse } from '../../canon/index.js';
import { createSseParser, encodeSseFrame } from '../../http/index.js';
import { decodeOpenAiChatRequest } from './decode-request.js';
import { decodeOpenAiChatResponse } from './decode-response.js';
import { createOpenAiChatStreamDecoder } from './decode-stream.js';
import { encodeOpenAiChatRequest } from './encode-request.js';
import { encodeOpenAiChatResponse } from './encode-response.js';
import { createOpenAiChatStreamEncoder } from './encode-stream.js';

const provider = { id: 'openai', model: 'gpt-4o-mini' };
const requestFixture = JSON.parse(
  readFileSync(new URL('./__fixtures__/full-request.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const toolStream = readFileSync(new URL('./__fixtures__/stream-tools.sse', import.meta.url), 'utf8');

function decodeStreamText(text: string): CanonEvent[] {
  const parser = createSseParser();
  const decoder = createOpenAiChatStreamDecoder(provider);
  return [...parser.push(text).flatMap((event) => decoder.push(event)), ...decoder.end()];
}

function encodeStreamText(events: CanonEvent[], streamUsage: boolean): string {
  const request = decodeOpenAiChatRequest({
    model: 'm',
    messages: [{ role: 'user', content: 'x' }],
    stream: true,
    stream_options: { include_usage: streamUsage },
  });
  const encoder = createOpenAiChatStreamEncoder(request);
  return [...events.flatMap((event) => encoder.push(event)), ...encoder.end()].map(encodeSseFrame).join('');
}

const sampleResponse: CanonResponse = {
  id: 'chatcmpl-1',
  model: 'gpt-4o-mini',
  createdAt: 1700000000,
  choices: [
    {
      index: 0,
      message: {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking the weather.' },
          { type: 'tool-call', callId: 'call_1', toolName: 'get_weather', argumentsJson: '{"city":"Oslo"}' },
        ],
      },
      finish: { unified: 'tool-calls', raw: 'tool_calls' },
    },
    {
      index: 1,
      message: { role: 'assistant', content: [{ type: 'refusal', text: 'No.' }] },
      finish: { unified: 'stop', raw: 'stop' },
    },
  ],
  usage: { input: { total: 30, cacheRead: 4 }, output: { total: 12, reasoning: 2 } },
  warnings: [],
  provider,
  vendor: { 'openai-chat': { system_fingerprint: 'fp_9', service_tier: 'default' } },
};

describe('OpenAI chat codec round trips', () => {
  it('request: decode(encode(decode(x))) equals decode(x)', () => {
    const once = decodeOpenAiChatRequest(requestFixture);
    const twice = decodeOpenAiChatRequest(encodeOpenAiChatRequest(once, once.model).body);
    // Single text parts are re-encoded as strings, which decode to the same canonical part.
    expect(twice).toEqual(once);
  });

  it('response: decode(encode(r)) equals r (usage raw aside)', () => {
    const decoded = decodeOpenAiChatResponse(encodeOpenAiChatResponse(sampleResponse), provider);
    const { raw: _raw, ...usage } = decoded.usage ?? { input: { total: 0 }, output: { total: 0 } };
    expect({ ...decoded, usage }).toEqual(sampleResponse);
  });

  it('stream: collect(decode(encode(events))) equals collect(events), for a recorded upstream stream', () => {
    const events = decodeStreamText(toolStream);
    const again = decodeStreamText(encodeStreamText(events, true));
    const strip = (response: CanonResponse) => ({
      ...response,
      usage: { input: response.usage?.input, output: response.usage?.output },
    });
    expect(strip(collectEvents(again, provider))).toEqual(strip(collectEvents(events, provider)));
  });

  it('stream: a replayed response re-collects to the same response', () => {
    const events = replayResponse(sampleResponse);
    const again = decodeStreamText(encodeStreamText(events, true));
    const collected = collectEvents(again, provider);
    expect(collected.choices).toEqual(sampleResponse.choices);
    expect(collected.usage?.input).toEqual(sampleResponse.usage?.input);
  });

  it('stream: an error event becomes an in-band error frame and no [DONE]', () => {
    const events = decodeStreamText(
      'data: {"id":"c","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hal"}}]}\n\n',
    );
    const text = encodeStreamText(events, false);
    expect(text).not.toContain('[DONE]');
    expect(text.trim().split('\n\n').at(-1)).toMatch(
      /^data: \{"error":\{"message":".*ended before the answer was finished/,
    );
  });
});
