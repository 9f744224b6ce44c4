import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let harness: TestGateway;

beforeAll(async () => {
  harness = await startTestGateway();
});
afterAll(async () => {
  await harness?.stop();
});

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } },
      required: ['city', 'unit'],
    },
  },
};

describe('chat completions through the gateway with the official openai SDK', () => {
  it('answers a plain request and says which model answered, why and at what cost', async () => {
    const { data, response } = await harness
      .client()
      .chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'Say hello' }] })
      .withResponse();
    expect(data.object).toBe('chat.completion');
    expect(data.choices[0]?.message.content).toMatch(/^Simulated reply from demo-fast/);
    expect(data.choices[0]?.finish_reason).toBe('stop');
    expect(data.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(data.usage?.total_tokens).toBe(
      (data.usage?.prompt_tokens ?? 0) + (data.usage?.completion_tokens ?? 0),
    );
    expect(response.headers.get('x-switchyard-model')).toBe('sim/demo-fast');
    expect(response.headers.get('x-switchyard-provider')).toBe('sim');
    expect(response.headers.get('x-switchyard-route-reason')).toBe("alias 'chat'");
    expect(response.headers.get('x-switchyard-candidates')).toBe('sim/demo-fast');
    expect(response.headers.get('x-switchyard-fallback-used')).toBe('false');
    expect(response.headers.get('x-switchyard-attempts')).toBe('1');
    expect(response.headers.get('x-switchyard-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    // demo-fast: $0.10 / M input, $0.40 / M output.
    const usage = data.usage as NonNullable<typeof data.usage>;
    const expectedMicros = Math.round((usage.prompt_tokens * 0.1 + usage.completion_tokens * 0.4) * 1) / 1;
    expect(Number(response.headers.get('x-switchyard-cost-usd'))).toBeCloseTo(expectedMicros / 1e6, 6);
  });

  it('streams in OpenAI grammar: role first, deltas, finish, usage chunk with the gateway summary, [DONE]', async () => {
    const stream = await harness.client().chat.completions.create({
      model: 'chat',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'Stream please' }],
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(text).toMatch(/^Simulated reply from demo-fast/);
    const finishChunk = chunks.find((chunk) => chunk.choices[0]?.finish_reason);
    expect(finishChunk?.choices[0]?.finish_reason).toBe('stop');
    const last = chunks.at(-1) as (typeof chunks)[number] & { switchyard?: Record<string, unknown> };
    expect(last.choices).toEqual([]);
    expect(last.usage?.completion_tokens).toBeGreaterThan(0);
    expect(last.switchyard?.model).toBe('sim/demo-fast');
    expect(Number(last.switchyard?.cost_usd)).toBeGreaterThan(0);
  });

  it('ends a stream with the gateway summary even when the caller did not ask for usage', async () => {
    const stream = await harness.client().chat.completions.create({
      model: 'chat',
      stream: true,
      messages: [{ role: 'user', content: 'No usage' }],
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const last = chunks.at(-1) as (typeof chunks)[number] & { switchyard?: Record<string, unknown> };
    expect(last.usage ?? null).toBeNull();
    expect(last.switchyard?.attempts).toBe(1);
  });

  it('returns tool calls and accepts the tool result on the next turn', async () => {
    const client = harness.client();
    const first = await client.chat.completions.create({
      model: 'chat',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [weatherTool],
    });
    const call = first.choices[0]?.message.tool_calls?.[0];
    expect(first.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.type).toBe('function');
    if (call?.type !== 'function') throw new Error('expected a function call');
    expect(call.function.name).toBe('get_weather');
    const args = JSON.parse(call.function.arguments) as { city: string; unit: string };
    expect(typeof args.city).toBe('string');
    expect(['c', 'f']).toContain(args.unit);
    const second = await client.chat.completions.create({
      model: 'chat',
      tools: [weatherTool],
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: null, tool_calls: first.choices[0]?.message.tool_calls },
        { role: 'tool', tool_call_id: call.id, content: '{"temperature": 18}' },
      ],
    });
    expect(second.choices[0]?.finish_reason).toBe('stop');
    expect(second.choices[0]?.message.content).toContain('18');
  });

  it('streams tool-call deltas that the SDK assembles into complete arguments', async () => {
    const runner = harness.client().chat.completions.stream({
      model: 'chat',
      messages: [{ role: 'user', content: 'Weather in Oslo?' }],
      tools: [weatherTool],
    });
    const deltas: string[] = [];
    runner.on('tool_calls.function.arguments.delta', (event) => deltas.push(event.arguments_delta));
    const final = await runner.finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    if (call?.type !== 'function') throw new Error('expected a function call');
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(call.function.arguments);
    expect(JSON.parse(call.function.arguments)).toHaveProperty('city');
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('honours JSON mode and JSON schema output', async () => {
    const client = harness.client();
    const object = await client.chat.completions.create({
      model: 'chat',
      response_format: { type: 'json_object' },
      messages: [{ role: 'user', content: 'Reply in JSON' }],
    });
    expect(() => JSON.parse(object.choices[0]?.message.content ?? '')).not.toThrow();
    const schema = await client.chat.completions.create({
      model: 'chat',
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'person',
          strict: true,
          schema: {
            type: 'object',
            properties: { name: { type: 'string' }, age: { type: 'integer' } },
            required: ['name', 'age'],
            additionalProperties: false,
          },
        },
      },
      messages: [{ role: 'user', content: 'A person' }],
    });
    const parsed = JSON.parse(schema.choices[0]?.message.content ?? '') as { name: unknown; age: unknown };
    expect(typeof parsed.name).toBe('string');
    expect(Number.isInteger(parsed.age)).toBe(true);
  });

  it('carries the whole request surface to an OpenAI-shaped upstream, unmodelled fields included', async () => {
    const simulator = harness.gateway.simulator;
    if (!simulator) throw new Error('no simulator');
    const marker = `surface-${Date.now()}`;
    const response = await harness.client().chat.completions.create({
      model: 'chat',
      messages: [
        { role: 'developer', content: 'Be brief.' },
        { role: 'system', content: [{ type: 'text', text: 'System text' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: marker },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.png', detail: 'low' } },
          ],
        },
      ],
      temperature: 0.3,
      top_p: 0.9,
      seed: 42,
      stop: ['END'],
      n: 2,
      logprobs: true,
      top_logprobs: 2,
      max_completion_tokens: 50,
      user: 'end-user-7',
      metadata: { feature: 'search' },
      parallel_tool_calls: false,
      tools: [weatherTool],
      tool_choice: 'none',
      // Not modelled by the hub: must arrive upstream unchanged.
      service_tier: 'flex',
      logit_bias: { '1234': -5 },
      store: false,
    });
    expect(response.choices).toHaveLength(2);
    expect(response.choices[0]?.logprobs?.content?.length).toBeGreaterThan(0);
    const record = await simulator.waitFor((entry) => JSON.stringify(entry.body).includes(marker));
    const body = record.body as Record<string, unknown>;
    expect(body).toMatchObject({
      model: 'demo-fast',
      temperature: 0.3,
      top_p: 0.9,
      seed: 42,
      stop: ['END'],
      n: 2,
      logprobs: true,
      top_logprobs: 2,
      max_completion_tokens: 50,
      user: 'end-user-7',
      metadata: { feature: 'search' },
      parallel_tool_calls: false,
      tool_choice: 'none',
      service_tier: 'flex',
      logit_bias: { '1234': -5 },
      store: false,
    });
    const messages = body.messages as Array<Record<string, unknown>>;
    expect(messages[0]).toEqual({ role: 'developer', content: 'Be brief.' });
    expect(messages[2]?.content).toEqual([
      { type: 'text', text: marker },
      { type: 'image_url', image_url: { url: 'https://example.com/cat.png', detail: 'low' } },
    ]);
  });

  it('answers liveness and readiness probes without a key', async () => {
    const health = await fetch(`${harness.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${harness.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      checks: { store: 'ok', providers: '2 configured' },
    });
  });

  it('accepts provider-scoped model names, percent-encoded in the models path', async () => {
    const answer = await harness
      .client()
      .chat.completions.create({ model: 'sim/demo-smart', messages: [{ role: 'user', content: 'hi' }] });
    expect(answer.choices[0]?.message.content).toMatch(/demo-smart/);
    const listed = await harness.client().models.retrieve('sim/demo-fast');
    expect(listed.id).toBe('sim/demo-fast');
  });

  it('lists the models a key may use', async () => {
    const all = await harness.client().models.list();
    const ids = all.data.map((model) => model.id);
    expect(ids).toEqual(expect.arrayContaining(['chat', 'smart', 'flaky']));
    const limited = await harness.createKey({ allowedModels: ['smart'] });
    const some = await harness.client({ key: limited.key }).models.list();
    expect(some.data.map((model) => model.id)).toEqual(['smart']);
    const one = await harness.client().models.retrieve('chat');
    expect(one.id).toBe('chat');
  });
});
