import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator } from './index.js';
import { chatBody, chunks, dataLines, streamUntilEnd } from './test-helpers.js';
import type { Simulator } from './types.js';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
});
afterAll(() => simulator.close());
beforeEach(() => simulator.reset());

const streamBody = (model: string) => ({
  ...chatBody(model),
  stream: true,
  stream_options: { include_usage: true },
});

describe('stream faults', () => {
  it('cut-3 breaks the connection after 3 content chunks, without finish_reason or [DONE]', async () => {
    const { text, error } = await streamUntilEnd(simulator, streamBody('demo+cut-3'));
    expect(error).toBeDefined();
    const parsed = chunks(text);
    expect(parsed).toHaveLength(4);
    expect(
      parsed
        .slice(1)
        .map((chunk) => chunk.choices[0]?.delta.content)
        .join(''),
    ).toBe('Simulated reply');
    expect(parsed.every((chunk) => chunk.choices[0]?.finish_reason === null)).toBe(true);
    expect(text).not.toContain('[DONE]');
    const record = await simulator.waitFor(
      (candidate) => candidate.model === 'demo+cut-3' && candidate.endedAt !== undefined,
    );
    expect(record).toMatchObject({ fault: 'cut-3', status: 200, aborted: false, stream: true });
  });

  it('cut-N also applies to tool-call argument fragments', async () => {
    const tools = [
      {
        type: 'function',
        function: {
          name: 'f',
          parameters: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
        },
      },
    ];
    const { text, error } = await streamUntilEnd(simulator, { ...streamBody('demo+cut-2'), tools });
    expect(error).toBeDefined();
    expect(chunks(text)).toHaveLength(3);
  });

  it('stall-2 sends 2 content chunks, then nothing while the connection stays open', async () => {
    const controller = new AbortController();
    const response = await fetch(`${simulator.url}/v1/chat/completions`, {
      method: 'POST',
      body: JSON.stringify(streamBody('demo+stall-2')),
      signal: controller.signal,
    });
    const reader = response.body?.getReader();
    if (reader === undefined) throw new Error('no body');
    const decoder = new TextDecoder();
    let text = '';
    while (dataLines(text).length < 3) {
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended early');
      text += decoder.decode(value, { stream: true });
    }
    const quiet = await Promise.race([
      reader.read().then(() => 'data'),
      new Promise((resolve) => setTimeout(() => resolve('quiet'), 500)),
    ]);
    expect(quiet).toBe('quiet');
    expect(chunks(text)).toHaveLength(3);
    controller.abort();
    const record = await simulator.waitFor(
      (candidate) => candidate.model === 'demo+stall-2' && candidate.aborted,
    );
    expect(record.fault).toBe('stall-2');
  });

  it('malformed-1 makes the second data line invalid JSON, then continues to [DONE]', async () => {
    const { text, error } = await streamUntilEnd(simulator, streamBody('demo+tokens-4+malformed-1'));
    expect(error).toBeUndefined();
    const lines = dataLines(text);
    expect(() => JSON.parse(lines[0] ?? '')).not.toThrow();
    expect(() => JSON.parse(lines[1] ?? '')).toThrow();
    expect(lines.at(-1)).toBe('[DONE]');
    const parsed = chunks(text);
    expect(parsed).toHaveLength(lines.length - 2);
    expect(parsed.map((chunk) => chunk.choices[0]?.delta?.content ?? '').join('')).toBe(
      'Simulated reply from',
    );
  });

  it('nodone finishes with finish_reason and usage, then ends without [DONE]', async () => {
    const { text, error } = await streamUntilEnd(simulator, streamBody('demo+nodone'));
    expect(error).toBeUndefined();
    expect(text).not.toContain('[DONE]');
    const parsed = chunks(text);
    expect(parsed.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(parsed.at(-1)?.usage?.completion_tokens).toBe(24);
    const record = await simulator.waitFor(
      (candidate) => candidate.model === 'demo+nodone' && candidate.endedAt !== undefined,
    );
    expect(record.aborted).toBe(false);
  });

  it('delay-30 spaces the chunks out', async () => {
    const started = Date.now();
    const { text } = await streamUntilEnd(simulator, streamBody('demo+tokens-3+delay-30'));
    // role + 3 content + finish + usage + [DONE] = 7 lines, 6 pauses.
    expect(Date.now() - started).toBeGreaterThanOrEqual(175);
    expect(dataLines(text)).toHaveLength(7);
  });

  it('marks a stream aborted when the client leaves mid-stream', async () => {
    const controller = new AbortController();
    const response = await fetch(`${simulator.url}/v1/chat/completions`, {
      method: 'POST',
      body: JSON.stringify(streamBody('demo+delay-50')),
      signal: controller.signal,
    });
    const reader = response.body?.getReader();
    await reader?.read();
    controller.abort();
    const record = await simulator.waitFor(
      (candidate) => candidate.model === 'demo+delay-50' && candidate.endedAt !== undefined,
    );
    expect(record.aborted).toBe(true);
    expect(record.status).toBe(200);
  });
});
