import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CanonEvent, collectEvents } from '../../canon/index.js';
import { createSseParser } from '../../http/index.js';
import { createGeminiStreamDecoder } from './decode-stream.js';

const provider = { id: 'google', model: 'gemini-2.5-flash' };

function fixture(name: string): string {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
}

function decodeText(text: string): CanonEvent[] {
  const parser = createSseParser();
  const decoder = createGeminiStreamDecoder(provider);
  return [...parser.push(text).flatMap((event) => decoder.push(event)), ...decoder.end()];
}

function chunk(body: Record<string, unknown>): string {
  return `data: ${JSON.stringify(body)}\r\n\r\n`;
}

describe('createGeminiStreamDecoder', () => {
  it('decodes text deltas and takes the last cumulative usage, once, after the finish', () => {
    const events = decodeText(fixture('stream-text.sse'));
    expect(events.map((event) => event.type)).toEqual([
      'response-start',
      'text-start',
      'text-delta',
      'text-delta',
      'text-delta',
      'text-end',
      'finish',
      'usage',
    ]);
    expect(events[0]).toMatchObject({ id: 'stream-1', model: 'gemini-2.5-flash' });
    const response = collectEvents(events, provider);
    expect(response.choices[0]?.message.content).toEqual([{ type: 'text', text: 'Hello, world!' }]);
    expect(response.choices[0]?.finish).toEqual({ unified: 'stop', raw: 'STOP' });
    expect(response.usage).toMatchObject({ input: { total: 8, cacheRead: 2 }, output: { total: 4 } });
  });

  it('decodes thoughts and whole function calls, the signature before its call, STOP → tool-calls', () => {
    const events = decodeText(fixture('stream-tools.sse'));
    const response = collectEvents(events, provider);
    const [reasoning, signature, weather, time] = response.choices[0]?.message.content ?? [];
    expect(reasoning).toEqual({ type: 'reasoning', text: 'Plan: two calls.' });
    expect(signature).toEqual({ type: 'reasoning', text: '', signature: 'c2lnLWE=' });
    expect(weather).toMatchObject({
      type: 'tool-call',
      toolName: 'get_weather',
      argumentsJson: '{"city":"Paris"}',
    });
    expect(time).toMatchObject({ type: 'tool-call', toolName: 'get_time', argumentsJson: '{}' });
    expect(weather?.type === 'tool-call' && weather.callId).toBe('call_stream20_get_weather');
    expect(time?.type === 'tool-call' && time.callId).toBe('call_stream21_get_time');
    expect(response.choices[0]?.finish).toEqual({ unified: 'tool-calls', raw: 'STOP' });
    expect(response.usage).toMatchObject({ input: { total: 30 }, output: { total: 24, reasoning: 12 } });
    expect(events.filter((event) => event.type === 'usage')).toHaveLength(1);
  });

  it('never ends silently: a stream cut before finishReason ends in upstream_protocol', () => {
    const events = decodeText(fixture('stream-truncated.sse'));
    const last = events.at(-1);
    expect(last?.type).toBe('error');
    if (last?.type === 'error') expect(last.error.kind).toBe('upstream_protocol');
    expect(decodeText('').at(-1)?.type).toBe('error');
  });

  it('an in-band error chunk is a terminal error event, and nothing after it is decoded', () => {
    const events = decodeText(
      chunk({ candidates: [{ content: { parts: [{ text: 'a' }] } }] }) +
        chunk({ error: { code: 429, message: 'Resource exhausted', status: 'RESOURCE_EXHAUSTED' } }) +
        chunk({ candidates: [{ content: { parts: [{ text: 'b' }] }, finishReason: 'STOP' }] }),
    );
    const last = events.at(-1);
    expect(last?.type === 'error' && last.error.kind).toBe('upstream_rate_limited');
    expect(events.filter((event) => event.type === 'text-delta')).toHaveLength(1);
  });

  it('a malformed chunk is an error event', () => {
    const events = decodeText(`${chunk({ candidates: [] })}data: {"candidates": [\r\n\r\n`);
    expect(events.at(-1)?.type).toBe('error');
  });

  it('a blocked prompt finishes with content-filter and keeps the feedback for a Gemini caller', () => {
    const events = decodeText(
      chunk({
        promptFeedback: { blockReason: 'SAFETY' },
        usageMetadata: { promptTokenCount: 4, totalTokenCount: 4 },
      }),
    );
    expect(events.map((event) => event.type)).toEqual(['response-start', 'finish', 'usage']);
    expect(events[0]).toMatchObject({ vendor: { gemini: { promptFeedback: { blockReason: 'SAFETY' } } } });
    expect(events[1]).toEqual({ type: 'finish', finish: { unified: 'content-filter', raw: 'SAFETY' } });
  });

  it('keeps candidates apart, carries logprobs, accepts the JSON-array form, and warns about images once', () => {
    const text = chunk({
      candidates: [
        {
          index: 0,
          content: { parts: [{ text: 'A' }] },
          logprobsResult: { chosenCandidates: [{ token: 'A', logProbability: -0.5 }], topCandidates: [] },
        },
        {
          index: 1,
          content: { parts: [{ inlineData: { mimeType: 'image/png', data: 'AA==' } }, { text: 'B' }] },
        },
      ],
    });
    const array = `data: ${JSON.stringify([
      {
        candidates: [
          { index: 0, finishReason: 'STOP' },
          {
            index: 1,
            content: { parts: [{ inlineData: { mimeType: 'image/png', data: 'AA==' } }] },
            finishReason: 'MAX_TOKENS',
          },
        ],
      },
    ])}\n\n`;
    const events = decodeText(text + array);
    const response = collectEvents(events, provider);
    expect(
      response.choices.map((choice) => [choice.index, choice.message.content, choice.finish.unified]),
    ).toEqual([
      [0, [{ type: 'text', text: 'A' }], 'stop'],
      [1, [{ type: 'text', text: 'B' }], 'length'],
    ]);
    expect(response.choices[0]?.logprobs).toMatchObject({ content: [{ token: 'A', logprob: -0.5 }] });
    expect(response.warnings).toEqual([expect.objectContaining({ field: 'inlineData' })]);
  });

  it('does not overwrite known usage with a chunk that has none', () => {
    const events = decodeText(
      chunk({
        candidates: [{ content: { parts: [{ text: 'x' }] } }],
        usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 1 },
      }) + chunk({ candidates: [{ finishReason: 'STOP' }] }),
    );
    expect(events.filter((event) => event.type === 'usage')).toEqual([
      expect.objectContaining({
        usage: expect.objectContaining({ input: { total: 3 }, output: { total: 1 } }),
      }),
    ]);
  });
});
