import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator } from './index.js';
import { chatBody, sdkClient, validatesAgainst } from './test-helpers.js';
import type { Simulator } from './types.js';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
});
afterAll(() => simulator.close());
beforeEach(() => simulator.reset());

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    parameters: {
      type: 'object',
      properties: {
        city: { type: 'string' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
        days: { type: 'integer', minimum: 1, maximum: 7 },
      },
      required: ['city', 'unit', 'days'],
      additionalProperties: false,
    },
  },
};
const timeTool = {
  type: 'function' as const,
  function: {
    name: 'get_time',
    parameters: { type: 'object', properties: { zone: { type: 'string' } }, required: ['zone'] },
  },
};

describe('tool calls (non-streaming)', () => {
  it('calls the first tool with schema-valid arguments and a call_ id', async () => {
    const completion = await sdkClient(simulator).chat.completions.create({
      ...chatBody('demo-fast', 'Weather?'),
      tools: [weatherTool, timeTool],
    });
    const choice = completion.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBeNull();
    const calls = choice?.message.tool_calls ?? [];
    expect(calls).toHaveLength(1);
    const call = calls[0];
    if (call?.type !== 'function') throw new Error('expected a function call');
    expect(call.id).toMatch(/^call_[a-z0-9]{24}$/);
    expect(call.function.name).toBe('get_weather');
    expect(validatesAgainst(weatherTool.function.parameters, JSON.parse(call.function.arguments))).toBe(true);
    expect(completion.usage?.completion_tokens).toBeGreaterThan(5);
  });

  it('calls two tools for "both", the forced tool when named, and none with tool_choice none', async () => {
    const client = sdkClient(simulator);
    const both = await client.chat.completions.create({
      ...chatBody('demo-fast', 'Get both please'),
      tools: [weatherTool, timeTool],
    });
    expect(
      both.choices[0]?.message.tool_calls?.map((call) =>
        call.type === 'function' ? call.function.name : '',
      ),
    ).toEqual(['get_weather', 'get_time']);
    const serial = await client.chat.completions.create({
      ...chatBody('demo-fast', 'Get both please'),
      tools: [weatherTool, timeTool],
      parallel_tool_calls: false,
    });
    expect(serial.choices[0]?.message.tool_calls).toHaveLength(1);
    const forced = await client.chat.completions.create({
      ...chatBody('demo-fast', 'Get both please'),
      tools: [weatherTool, timeTool],
      tool_choice: { type: 'function', function: { name: 'get_time' } },
    });
    expect(
      forced.choices[0]?.message.tool_calls?.map((call) =>
        call.type === 'function' ? call.function.name : '',
      ),
    ).toEqual(['get_time']);
    const none = await client.chat.completions.create({
      ...chatBody('demo-fast'),
      tools: [weatherTool],
      tool_choice: 'none',
    });
    expect(none.choices[0]?.finish_reason).toBe('stop');
  });

  it('answers a tool result with text quoting it', async () => {
    const completion = await sdkClient(simulator).chat.completions.create({
      model: 'demo-fast',
      tools: [weatherTool],
      messages: [
        { role: 'user', content: 'Weather?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'Sunny, 21 degrees' },
      ],
    });
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.choices[0]?.message.content).toBe(
      'Simulated reply from demo-fast: the tool returned "Sunny, 21 degrees".',
    );
  });

  it('handles required, allowed_tools, parameterless tools, unknown forced tools and max_tokens', async () => {
    const client = sdkClient(simulator);
    const required = await client.chat.completions.create({
      ...chatBody('demo-fast'),
      tools: [timeTool],
      tool_choice: 'required',
    });
    expect(required.choices[0]?.finish_reason).toBe('tool_calls');
    const allowed = await client.chat.completions.create({
      ...chatBody('demo-fast'),
      tools: [weatherTool, timeTool],
      tool_choice: {
        type: 'allowed_tools',
        allowed_tools: { mode: 'auto', tools: [{ type: 'function', function: { name: 'get_time' } }] },
      },
    });
    const allowedCall = allowed.choices[0]?.message.tool_calls?.[0];
    expect(allowedCall?.type === 'function' ? allowedCall.function.name : '').toBe('get_time');
    const bare = await client.chat.completions.create({
      ...chatBody('demo-fast'),
      tools: [{ type: 'function', function: { name: 'ping' } }],
    });
    const bareCall = bare.choices[0]?.message.tool_calls?.[0];
    expect(bareCall?.type === 'function' ? bareCall.function.arguments : '').toBe('{}');
    const truncated = await client.chat.completions.create({
      ...chatBody('demo-fast'),
      tools: [weatherTool],
      max_tokens: 6,
    });
    expect(truncated.choices[0]?.finish_reason).toBe('length');
    expect(truncated.usage?.completion_tokens).toBeLessThanOrEqual(6);
    await expect(
      client.chat.completions.create({
        ...chatBody('demo-fast'),
        tools: [weatherTool],
        tool_choice: { type: 'function', function: { name: 'nope' } },
      }),
    ).rejects.toMatchObject({ status: 400, param: 'tool_choice' });
  });

  it('gives the same call ids and arguments to the same request', async () => {
    const client = sdkClient(simulator);
    const body = { ...chatBody('demo-fast', 'Weather in both places'), tools: [weatherTool, timeTool] };
    const first = await client.chat.completions.create(body);
    const second = await client.chat.completions.create(body);
    expect(second.choices[0]?.message.tool_calls).toEqual(first.choices[0]?.message.tool_calls);
  });
});
