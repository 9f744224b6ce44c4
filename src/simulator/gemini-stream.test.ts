import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator } from './index.js';
import type { Simulator } from './types.js';
import { firstCandidate, geminiEvents, partsOf, post } from './wire-test-helpers.js';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
});
afterAll(() => simulator.close());
beforeEach(() => simulator.reset());

const body = (extra: Record<string, unknown> = {}) => ({
  contents: [{ role: 'user', parts: [{ text: 'Weather in Paris?' }] }],
  ...extra,
});
const sse = (model: string, extra: Record<string, unknown> = {}) =>
  post(simulator, `/v1beta/models/${model}:streamGenerateContent?alt=sse`, body(extra));
const usageOf = (event: Record<string, unknown>) => event.usageMetadata as Record<string, number>;

/** The text of candidate 0 over all events, thoughts excluded. */
function joinedText(events: readonly Record<string, unknown>[]): string {
  return events
    .flatMap((event) => partsOf(firstCandidate(event)))
    .filter((part) => part.thought !== true && typeof part.text === 'string')
    .map((part) => String(part.text))
    .join('');
}

describe('streamGenerateContent', () => {
  it('streams data-only SSE events with cumulative usage, the last one with finishReason', async () => {
    const response = await sse('demo');
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(response.text).not.toContain('[DONE]');
    expect(response.text).not.toContain('event:');
    const { events } = geminiEvents(response.text);
    expect(events.length).toBeGreaterThan(5);
    const plain = await post(simulator, '/v1beta/models/demo:generateContent', body());
    expect(joinedText(events)).toBe(partsOf(firstCandidate(plain.json))[0]?.text);
    const counts = events.map((event) => usageOf(event).candidatesTokenCount ?? 0);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    const last = events.at(-1) ?? {};
    expect(firstCandidate(last).finishReason).toBe('STOP');
    expect(events.slice(0, -1).every((event) => firstCandidate(event).finishReason === undefined)).toBe(true);
    expect(last.usageMetadata).toEqual((plain.json as { usageMetadata: unknown }).usageMetadata);
    expect(simulator.records()[0]).toMatchObject({ protocol: 'gemini', stream: true, status: 200 });
  });

  it('streams thoughts first and a function call whole in one event', async () => {
    const thinking = geminiEvents(
      (await sse('demo+thinking-6', { generationConfig: { thinkingConfig: { includeThoughts: true } } }))
        .text,
    ).events;
    const thoughts = thinking
      .flatMap((event) => partsOf(firstCandidate(event)))
      .filter((part) => part.thought === true);
    expect(thoughts).toHaveLength(6);
    expect(thoughts.at(-1)?.thoughtSignature).toEqual(expect.any(String));
    expect(usageOf(thinking.at(-1) ?? {}).thoughtsTokenCount).toBe(6);
    const tool = {
      name: 'get_weather',
      parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    };
    const calls = geminiEvents(
      (await sse('demo', { tools: [{ functionDeclarations: [tool] }] })).text,
    ).events;
    const parts = calls.flatMap((event) => partsOf(firstCandidate(event)));
    expect(parts[0]).toMatchObject({
      functionCall: { name: 'get_weather', args: { city: expect.any(String) } },
    });
    expect(calls).toHaveLength(2);
  });

  it('without alt=sse answers one JSON array of the same responses', async () => {
    const response = await post(simulator, '/v1beta/models/demo+tokens-5:streamGenerateContent', body());
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const array = response.json as Record<string, unknown>[];
    const events = geminiEvents((await sse('demo+tokens-5')).text).events;
    expect(array.map((event) => ({ ...event, responseId: 0 }))).toEqual(
      events.map((event) => ({ ...event, responseId: 0 })),
    );
    const failed = await post(simulator, '/v1beta/models/demo+500:streamGenerateContent', body());
    expect(failed.json).toEqual([{ error: { code: 500, message: expect.any(String), status: 'INTERNAL' } }]);
  });
});

describe('streamGenerateContent faults', () => {
  it('cut-3 breaks the connection after 3 content events, with no finishReason', async () => {
    const response = await sse('demo+cut-3');
    expect(response.error).toBeDefined();
    const { events } = geminiEvents(response.text);
    expect(events).toHaveLength(3);
    expect(events.every((event) => firstCandidate(event).finishReason === undefined)).toBe(true);
    const record = await simulator.waitFor(
      (candidate) => candidate.model === 'demo+cut-3' && candidate.endedAt !== undefined,
    );
    expect(record).toMatchObject({ fault: 'cut-3', aborted: false, protocol: 'gemini' });
  });

  it('cut-2 leaves the JSON array unterminated', async () => {
    const response = await post(simulator, '/v1beta/models/demo+cut-2:streamGenerateContent', body());
    expect(response.error).toBeDefined();
    expect(response.text.startsWith('[{')).toBe(true);
    expect(response.text.endsWith(']')).toBe(false);
  });

  it('nodone ends cleanly without the finish event', async () => {
    const response = await sse('demo+tokens-4+nodone');
    expect(response.error).toBeUndefined();
    const { events } = geminiEvents(response.text);
    expect(events).toHaveLength(4);
    expect(events.every((event) => firstCandidate(event).finishReason === undefined)).toBe(true);
  });

  it('malformed-1 makes the second event invalid JSON, then continues to the finish', async () => {
    const { events, invalid } = geminiEvents((await sse('demo+tokens-3+malformed-1')).text, true);
    expect(invalid).toBe(1);
    expect(events).toHaveLength(4);
    expect(firstCandidate(events.at(-1)).finishReason).toBe('STOP');
  });

  it('stall-2 sends two events and then holds the connection open', async () => {
    const controller = new AbortController();
    const response = await fetch(
      `${simulator.url}/v1beta/models/demo+stall-2:streamGenerateContent?alt=sse`,
      {
        method: 'POST',
        body: JSON.stringify(body()),
        signal: controller.signal,
      },
    );
    const reader = response.body?.getReader();
    if (reader === undefined) throw new Error('no body');
    const decoder = new TextDecoder();
    let text = '';
    while ((text.match(/\r\n\r\n/g) ?? []).length < 2) {
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended early');
      text += decoder.decode(value, { stream: true });
    }
    const quiet = await Promise.race([
      reader.read().then(() => 'data'),
      new Promise((resolve) => setTimeout(() => resolve('quiet'), 300)),
    ]);
    expect(quiet).toBe('quiet');
    controller.abort();
    const record = await simulator.waitFor(
      (candidate) => candidate.model === 'demo+stall-2' && candidate.aborted,
    );
    expect(record.fault).toBe('stall-2');
  });

  it('policy answers 200 with promptFeedback and no candidates, streamed or not', async () => {
    const streamed = await sse('demo+policy');
    expect(streamed.status).toBe(200);
    const [event, ...rest] = geminiEvents(streamed.text).events;
    expect(rest).toEqual([]);
    expect(event).toMatchObject({ promptFeedback: { blockReason: 'SAFETY' } });
    expect(event).not.toHaveProperty('candidates');
    const plain = await post(simulator, '/v1beta/models/demo+policy:generateContent', body());
    expect(plain.status).toBe(200);
    expect(plain.json).toMatchObject({
      promptFeedback: { blockReason: 'SAFETY' },
      usageMetadata: { promptTokenCount: expect.any(Number) },
    });
    expect(simulator.recordsFor('demo+policy')[1]).toMatchObject({ fault: 'policy', status: 200 });
  });
});
