import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator } from './index.js';
import { chatBody, chunks, dataLines, sdkClient, streamText, validatesAgainst } from './test-helpers.js';
import type { Simulator } from './types.js';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
});
afterAll(() => simulator.close());
beforeEach(() => simulator.reset());

const lookupTool = {
  type: 'function' as const,
  function: {
    name: 'lookup_order',
    parameters: {
      type: 'object',
      properties: {
        order_id: { type: 'string' },
        quantity: { type: 'integer', minimum: 1, maximum: 9 },
        express: { type: 'boolean' },
      },
      required: ['order_id', 'quantity', 'express'],
    },
  },
};
const cancelTool = {
  type: 'function' as const,
  function: {
    name: 'cancel_order',
    parameters: { type: 'object', properties: { reason: { type: 'string' } }, required: ['reason'] },
  },
};

describe('streamed chat completions', () => {
  it('follows the OpenAI grammar: role, content, finish, usage with empty choices, [DONE]', async () => {
    const { status, contentType, text } = await streamText(simulator, {
      ...chatBody('demo-fast+tokens-6'),
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(status).toBe(200);
    expect(contentType).toMatch(/^text\/event-stream/);
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(text).not.toContain('event:');
    const parsed = chunks(text);
    expect(dataLines(text)).toHaveLength(parsed.length + 1);
    const ids = new Set(parsed.map((chunk) => chunk.id));
    expect(ids.size).toBe(1);
    for (const chunk of parsed) {
      expect(chunk).toMatchObject({
        object: 'chat.completion.chunk',
        model: 'demo-fast+tokens-6',
        system_fingerprint: 'fp_simulator',
      });
      expect(chunk.id).toMatch(/^chatcmpl-/);
    }
    const [role, ...rest] = parsed;
    expect(role?.choices[0]?.delta).toEqual({ role: 'assistant', content: '', refusal: null });
    const usageChunk = rest.pop();
    const finish = rest.pop();
    expect(rest).toHaveLength(6);
    expect(rest.map((chunk) => chunk.choices[0]?.delta.content).join('')).toBe(
      'Simulated reply from demo-fast',
    );
    for (const chunk of [role, ...rest, finish]) expect(chunk?.usage).toBeNull();
    expect(finish?.choices).toEqual([{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }]);
    expect(usageChunk?.choices).toEqual([]);
    expect(usageChunk?.usage).toMatchObject({ completion_tokens: 6, prompt_tokens: 8, total_tokens: 14 });
  });

  it('leaves usage out of chunks without include_usage, and streams the same text as the JSON answer', async () => {
    const { text } = await streamText(simulator, { ...chatBody('demo-fast'), stream: true });
    const parsed = chunks(text);
    expect(parsed.every((chunk) => !('usage' in chunk))).toBe(true);
    expect(parsed.at(-1)?.choices[0]?.finish_reason).toBe('stop');
    const streamed = parsed.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    const json = await sdkClient(simulator).chat.completions.create(chatBody('demo-fast'));
    expect(streamed).toBe(json.choices[0]?.message.content);
  });

  it('works with the SDK stream helper and carries logprobs per chunk', async () => {
    const stream = sdkClient(simulator).chat.completions.stream({
      ...chatBody('demo+tokens-8'),
      logprobs: true,
      top_logprobs: 1,
    });
    let logprobChunks = 0;
    for await (const chunk of stream) if (chunk.choices[0]?.logprobs?.content?.length === 1) logprobChunks++;
    const final = await stream.finalChatCompletion();
    expect(logprobChunks).toBe(8);
    expect(final.choices[0]?.logprobs?.content).toHaveLength(8);
    expect(final.choices[0]?.message.content).toMatch(/^Simulated reply from demo:/);
  });

  it('streams tool calls: first fragment with id/type/name, then argument fragments that parse', async () => {
    const { text } = await streamText(simulator, {
      ...chatBody('demo-fast', 'Where is my order?'),
      tools: [lookupTool],
      stream: true,
    });
    const parsed = chunks(text);
    expect(parsed[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: null, refusal: null });
    const header = parsed[1]?.choices[0]?.delta.tool_calls?.[0];
    expect(header).toMatchObject({
      index: 0,
      type: 'function',
      function: { name: 'lookup_order', arguments: '' },
    });
    expect(header?.id).toMatch(/^call_/);
    const fragments = parsed.slice(2, -1).map((chunk) => chunk.choices[0]?.delta.tool_calls?.[0]);
    expect(fragments.length).toBeGreaterThan(3);
    for (const fragment of fragments)
      expect(Object.keys(fragment ?? {}).sort()).toEqual(['function', 'index']);
    const argumentsText = fragments.map((fragment) => fragment?.function?.arguments).join('');
    expect(validatesAgainst(lookupTool.function.parameters, JSON.parse(argumentsText))).toBe(true);
    expect(parsed.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('accumulates parallel tool calls through the SDK to the same calls as the JSON answer', async () => {
    const body = { ...chatBody('demo-fast', 'Do both things'), tools: [lookupTool, cancelTool] };
    const stream = sdkClient(simulator).chat.completions.stream(body);
    const final = await stream.finalChatCompletion();
    const json = await sdkClient(simulator).chat.completions.create(body);
    const streamedCalls = final.choices[0]?.message.tool_calls ?? [];
    expect(streamedCalls).toHaveLength(2);
    expect(streamedCalls).toEqual(json.choices[0]?.message.tool_calls);
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('interleaves n choices and finishes each', async () => {
    const { text } = await streamText(simulator, { ...chatBody('demo+tokens-3'), n: 2, stream: true });
    const parsed = chunks(text);
    expect(parsed.slice(0, 4).map((chunk) => chunk.choices[0]?.index)).toEqual([0, 1, 0, 1]);
    const finishes = parsed
      .filter((chunk) => chunk.choices[0]?.finish_reason === 'stop')
      .map((chunk) => chunk.choices[0]?.index);
    expect(finishes).toEqual([0, 1]);
  });

  it('streams finish_reason length when max_tokens truncates', async () => {
    const { text } = await streamText(simulator, { ...chatBody('demo-fast'), max_tokens: 2, stream: true });
    const parsed = chunks(text);
    expect(parsed.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe('Simulated');
    expect(parsed.at(-1)?.choices[0]?.finish_reason).toBe('length');
  });

  it('paces chunks with defaultDelayMs', async () => {
    const paced = await startSimulator({ port: 0, defaultDelayMs: 20 });
    try {
      const started = Date.now();
      const { text } = await streamText(paced, { ...chatBody('demo+tokens-4'), stream: true });
      // role + 4 content + finish + [DONE] = 7 lines, 6 pauses.
      expect(Date.now() - started).toBeGreaterThanOrEqual(110);
      expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    } finally {
      await paced.close();
    }
  });
});
