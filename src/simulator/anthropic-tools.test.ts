import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator } from './index.js';
import { validatesAgainst } from './test-helpers.js';
import type { Simulator } from './types.js';
import { post } from './wire-test-helpers.js';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
});
afterAll(() => simulator.close());
beforeEach(() => simulator.reset());

const HEADERS = { 'x-api-key': 'sk-ant-test', 'anthropic-version': '2023-06-01' };
const messages = (model: string, content: unknown = 'Hello there', extra: Record<string, unknown> = {}) =>
  post(
    simulator,
    '/v1/messages',
    { model, max_tokens: 200, messages: [{ role: 'user', content }], ...extra },
    HEADERS,
  );
const weatherTool = {
  name: 'get_weather',
  description: 'Weather for a city',
  input_schema: {
    type: 'object',
    properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1, maximum: 7 } },
    required: ['city', 'days'],
  },
};

describe('Messages tools', () => {
  it('calls a tool with toolu_ ids and schema-valid input, then quotes the tool result', async () => {
    const first = await messages('demo-fast', 'Weather in Paris?', { tools: [weatherTool] });
    const answer = first.json as {
      content: { type: string; id: string; name: string; input: unknown }[];
      stop_reason: string;
    };
    expect(answer.stop_reason).toBe('tool_use');
    const [call] = answer.content;
    expect(call).toMatchObject({
      type: 'tool_use',
      name: 'get_weather',
      id: expect.stringMatching(/^toolu_[a-z0-9]{24}$/),
    });
    expect(validatesAgainst(weatherTool.input_schema, call?.input)).toBe(true);
    const second = await post(simulator, '/v1/messages', {
      model: 'demo-fast',
      max_tokens: 200,
      tools: [weatherTool],
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: answer.content },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: call?.id, content: 'Sunny, 21 degrees' }],
        },
      ],
    });
    expect(second.json).toMatchObject({
      stop_reason: 'end_turn',
      content: [
        { type: 'text', text: 'Simulated reply from demo-fast: the tool returned "Sunny, 21 degrees".' },
      ],
    });
  });

  it('follows tool_choice any, tool, none and disable_parallel_tool_use', async () => {
    const timeTool = { name: 'get_time', input_schema: { type: 'object', properties: {} } };
    const tools = [weatherTool, timeTool];
    const names = async (extra: Record<string, unknown>) =>
      (
        (await messages('demo', 'Get both please', { tools, ...extra })).json as {
          content: { name?: string }[];
        }
      ).content.map((block) => block.name);
    expect(await names({})).toEqual(['get_weather', 'get_time']);
    expect(await names({ tool_choice: { type: 'auto', disable_parallel_tool_use: true } })).toEqual([
      'get_weather',
    ]);
    expect(await names({ tool_choice: { type: 'tool', name: 'get_time' } })).toEqual(['get_time']);
    expect(await names({ tool_choice: { type: 'none' } })).toEqual([undefined]);
    const unknown = await messages('demo', 'x', { tools, tool_choice: { type: 'tool', name: 'nope' } });
    expect(unknown.status).toBe(400);
  });

  it('enforces the tool_use / tool_result pairing rules', async () => {
    const toolUse = { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } };
    const unanswered = await post(simulator, '/v1/messages', {
      model: 'demo',
      max_tokens: 50,
      messages: [
        { role: 'user', content: 'Weather?' },
        { role: 'assistant', content: [toolUse] },
        { role: 'user', content: 'And now?' },
      ],
    });
    expect(unanswered.status).toBe(400);
    expect(unanswered.text).toContain(
      '`tool_use` ids were found without `tool_result` blocks immediately after: toolu_1',
    );
    const orphan = await messages('demo', [{ type: 'tool_result', tool_use_id: 'toolu_9', content: 'x' }]);
    expect(orphan.text).toContain('unexpected `tool_use_id` found in `tool_result` blocks: toolu_9');
  });
});

describe('thinking, JSON schema, prefill', () => {
  it('thinking-N puts a signed thinking block first and counts it in output_tokens', async () => {
    const response = await messages('demo+thinking-16');
    const body = response.json as { content: Record<string, unknown>[]; usage: { output_tokens: number } };
    expect(body.content.map((block) => block.type)).toEqual(['thinking', 'text']);
    expect(body.content[0]).toMatchObject({
      thinking: expect.stringMatching(/^Let me think/),
      signature: expect.any(String),
    });
    expect(body.usage.output_tokens).toBe(24 + 16);
    const disabled = await messages('demo+thinking-16', 'Hello there', { thinking: { type: 'disabled' } });
    expect((disabled.json as { content: unknown[] }).content).toHaveLength(1);
    const budget = await messages('demo', 'x', { thinking: { type: 'enabled', budget_tokens: 512 } });
    expect(budget.text).toContain('budget_tokens: Input should be greater than or equal to 1024');
  });

  it('answers output_config.format with a schema-valid JSON text', async () => {
    const schema = {
      type: 'object',
      properties: { name: { type: 'string' }, score: { type: 'integer', minimum: 0, maximum: 10 } },
      required: ['name', 'score'],
      additionalProperties: false,
    };
    const response = await messages('demo', 'Rate it', {
      output_config: { format: { type: 'json_schema', schema } },
    });
    const text = (response.json as { content: { text: string }[] }).content[0]?.text ?? '';
    expect(validatesAgainst(schema, JSON.parse(text))).toBe(true);
  });

  it('continues a trailing assistant message; no-prefill and trailing whitespace are 400s', async () => {
    const full = ((await messages('demo')).json as { content: { text: string }[] }).content[0]?.text ?? '';
    const prefix = full.slice(0, 20).trimEnd();
    const conversation = [
      { role: 'user', content: 'Hello there' },
      { role: 'assistant', content: prefix },
    ];
    const continued = await post(simulator, '/v1/messages', {
      model: 'demo',
      max_tokens: 200,
      messages: conversation,
    });
    expect(`${prefix}${(continued.json as { content: { text: string }[] }).content[0]?.text}`).toBe(full);
    const refused = await post(simulator, '/v1/messages', {
      model: 'demo+no-prefill',
      max_tokens: 200,
      messages: conversation,
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('does not support assistant message prefill');
    const spaced = await post(simulator, '/v1/messages', {
      model: 'demo',
      max_tokens: 200,
      messages: [conversation[0], { role: 'assistant', content: `${prefix} ` }],
    });
    expect(spaced.text).toContain('final assistant content cannot end with trailing whitespace');
  });
});
