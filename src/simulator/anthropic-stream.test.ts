import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator } from './index.js';
import type { Simulator } from './types.js';
import { accumulateMessage, anthropicEvents, post } from './wire-test-helpers.js';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
});
afterAll(() => simulator.close());
beforeEach(() => simulator.reset());

const body = (model: string, extra: Record<string, unknown> = {}) => ({
  model,
  max_tokens: 300,
  stream: true,
  messages: [{ role: 'user', content: 'Weather in Paris?' }],
  ...extra,
});
const stream = (model: string, extra: Record<string, unknown> = {}) =>
  post(simulator, '/v1/messages', body(model, extra));
const weatherTool = {
  name: 'get_weather',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

describe('Messages streaming grammar', () => {
  it('streams text as named events that accumulate to the non-streamed message', async () => {
    const response = await stream('demo');
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const { events } = anthropicEvents(response.text);
    const message = accumulateMessage(events);
    const plain = (await post(simulator, '/v1/messages', { ...body('demo'), stream: false })).json as Record<
      string,
      unknown
    >;
    expect(message.content).toEqual(plain.content);
    expect(message.stopReason).toBe('end_turn');
    const { service_tier: _tier, ...usage } = plain.usage as Record<string, unknown>;
    expect(message.usage).toEqual(usage);
    expect(message.startUsage).toMatchObject({
      output_tokens: 1,
      input_tokens: (plain.usage as { input_tokens: number }).input_tokens,
    });
    expect(events.filter((event) => event.event === 'content_block_delta')).toHaveLength(24);
    expect(simulator.records()[0]).toMatchObject({ protocol: 'anthropic', stream: true, status: 200 });
  });

  it('streams thinking deltas and a signature before the text', async () => {
    const message = accumulateMessage(anthropicEvents((await stream('demo+thinking-12')).text).events);
    expect(message.content.map((block) => block.type)).toEqual(['thinking', 'text']);
    expect(message.content[0]?.signature).toEqual(expect.any(String));
    expect(message.usage.output_tokens).toBe(24 + 12);
  });

  it('streams tool input as input_json_delta fragments, the first one empty', async () => {
    const response = await stream('demo', { tools: [weatherTool] });
    const { events } = anthropicEvents(response.text);
    const message = accumulateMessage(events);
    const plain = (
      await post(simulator, '/v1/messages', { ...body('demo', { tools: [weatherTool] }), stream: false })
    ).json;
    expect(message.content).toEqual((plain as { content: unknown }).content);
    expect(message.stopReason).toBe('tool_use');
    const fragments = events
      .filter((event) => event.event === 'content_block_delta')
      .map((event) => (event.data.delta as { partial_json: string }).partial_json);
    expect(fragments[0]).toBe('');
    expect(fragments.length).toBeGreaterThan(3);
  });
});

describe('Messages stream faults', () => {
  it('cut-3 breaks the connection after 3 deltas, without message_delta or message_stop', async () => {
    const response = await stream('demo+cut-3');
    expect(response.error).toBeDefined();
    const { events } = anthropicEvents(response.text);
    const message = accumulateMessage(events, false);
    expect(events.map((event) => event.event)).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
    ]);
    expect(message.stopped).toBe(false);
    const record = await simulator.waitFor(
      (candidate) => candidate.model === 'demo+cut-3' && candidate.endedAt !== undefined,
    );
    expect(record).toMatchObject({ fault: 'cut-3', aborted: false, protocol: 'anthropic' });
  });

  it('nodone ends the response cleanly after message_delta, without message_stop', async () => {
    const response = await stream('demo+nodone');
    expect(response.error).toBeUndefined();
    const message = accumulateMessage(anthropicEvents(response.text).events, false);
    expect(message.stopReason).toBe('end_turn');
    expect(message.stopped).toBe(false);
  });

  it('malformed-1 makes the second event carry invalid JSON, then continues to message_stop', async () => {
    const response = await stream('demo+tokens-4+malformed-1');
    const { events, invalid } = anthropicEvents(response.text, true);
    expect(invalid).toBe(1);
    expect(response.text.split('\n\n')[1]).toMatch(/^event: content_block_delta\ndata: \{/);
    expect(accumulateMessage(events).stopped).toBe(true);
  });

  it('stall-2 sends two deltas and then holds the connection open', async () => {
    const controller = new AbortController();
    const response = await fetch(`${simulator.url}/v1/messages`, {
      method: 'POST',
      body: JSON.stringify(body('demo+stall-2')),
      signal: controller.signal,
    });
    const reader = response.body?.getReader();
    if (reader === undefined) throw new Error('no body');
    const decoder = new TextDecoder();
    let text = '';
    while ((text.match(/content_block_delta\n/g) ?? []).length < 2) {
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

  it('slow-MS delays the first event and delay-MS spaces them out', async () => {
    const started = Date.now();
    const response = await stream('demo+tokens-2+slow-150+delay-20');
    expect(Date.now() - started).toBeGreaterThanOrEqual(150 + 20 * 5);
    expect(accumulateMessage(anthropicEvents(response.text).events).stopped).toBe(true);
  });
});
