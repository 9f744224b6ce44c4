import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator } from './index.js';
import { chatBody, completionOf, postJson, sdkClient, validatesAgainst } from './test-helpers.js';
import type { Simulator } from './types.js';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
});
afterAll(() => simulator.close());
beforeEach(() => simulator.reset());

describe('non-streaming chat completions', () => {
  it('answers in the chat.completion shape with usage details and an x-request-id', async () => {
    const response = await postJson(simulator, '/v1/chat/completions', chatBody('demo-fast'));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(String(response.headers['x-request-id'])).toMatch(/^req_[0-9a-f]+$/);
    const body = completionOf(response.json);
    expect(body).toMatchObject({ object: 'chat.completion', model: 'demo-fast', service_tier: 'default' });
    expect(body.id).toMatch(/^chatcmpl-/);
    expect(typeof body.created).toBe('number');
    expect(typeof body.system_fingerprint).toBe('string');
    expect(body.choices).toHaveLength(1);
    const [choice] = body.choices;
    expect(choice).toMatchObject({
      index: 0,
      logprobs: null,
      finish_reason: 'stop',
      message: { role: 'assistant', refusal: null },
    });
    expect(choice?.message.content).toMatch(/^Simulated reply from demo-fast: /);
    expect(body.usage?.completion_tokens).toBe(24);
    // 3 + (3 + tokens("Hello there") = 2)
    expect(body.usage?.prompt_tokens).toBe(8);
    expect(body.usage?.total_tokens).toBe(32);
    expect(body.usage?.prompt_tokens_details?.cached_tokens).toBe(0);
    expect(body.usage?.completion_tokens_details?.reasoning_tokens).toBe(0);
  });

  it('gives the same answer to the same request and a different one to another message or seed', async () => {
    const client = sdkClient(simulator);
    const first = await client.chat.completions.create(chatBody('demo-fast', 'What is a switchyard?'));
    const again = await client.chat.completions.create(chatBody('demo-fast', 'What is a switchyard?'));
    const other = await client.chat.completions.create(chatBody('demo-fast', 'Something else'));
    const seeded = await client.chat.completions.create({
      ...chatBody('demo-fast', 'What is a switchyard?'),
      seed: 7,
    });
    expect(again.choices[0]?.message.content).toBe(first.choices[0]?.message.content);
    expect(again.id).not.toBe(first.id);
    expect(other.choices[0]?.message.content).not.toBe(first.choices[0]?.message.content);
    expect(seeded.choices[0]?.message.content).not.toBe(first.choices[0]?.message.content);
  });

  it('honours tokens-N, cached-N and reasoning-N', async () => {
    const response = await postJson(
      simulator,
      '/v1/chat/completions',
      chatBody('demo+tokens-10+cached-4+reasoning-5'),
    );
    const body = completionOf(response.json);
    expect(body.choices[0]?.message.content).toMatch(/^Simulated reply from demo:/);
    expect(body.usage?.completion_tokens).toBe(15);
    expect(body.usage?.completion_tokens_details?.reasoning_tokens).toBe(5);
    expect(body.usage?.prompt_tokens_details?.cached_tokens).toBe(4);
    expect(body.usage?.total_tokens).toBe((body.usage?.prompt_tokens ?? 0) + 15);
  });

  it('truncates at max_tokens with finish_reason length, and cuts before a stop sequence', async () => {
    const client = sdkClient(simulator);
    const limited = await client.chat.completions.create({
      ...chatBody('demo-fast'),
      max_completion_tokens: 5,
    });
    expect(limited.choices[0]?.finish_reason).toBe('length');
    expect(limited.usage?.completion_tokens).toBe(5);
    expect(limited.choices[0]?.message.content).toBe('Simulated reply from demo');
    const legacy = await client.chat.completions.create({ ...chatBody('demo-fast'), max_tokens: 3 });
    expect(legacy.choices[0]?.message.content).toBe('Simulated reply');
    const stopped = await client.chat.completions.create({
      ...chatBody('demo-fast'),
      stop: [' from', 'xyz'],
    });
    expect(stopped.choices[0]?.finish_reason).toBe('stop');
    expect(stopped.choices[0]?.message.content).toBe('Simulated reply');
    expect(stopped.usage?.completion_tokens).toBe(3);
  });

  it('returns n different choices', async () => {
    const completion = await sdkClient(simulator).chat.completions.create({ ...chatBody('demo-fast'), n: 2 });
    expect(completion.choices.map((choice) => choice.index)).toEqual([0, 1]);
    expect(completion.choices[0]?.message.content).not.toBe(completion.choices[1]?.message.content);
    expect(completion.usage?.completion_tokens).toBe(48);
  });

  it('includes logprobs per token in the OpenAI shape', async () => {
    const completion = await sdkClient(simulator).chat.completions.create({
      ...chatBody('demo+tokens-6'),
      logprobs: true,
      top_logprobs: 2,
    });
    const content = completion.choices[0]?.logprobs?.content ?? [];
    expect(content).toHaveLength(6);
    expect(content.map((entry) => entry.token).join('')).toBe(completion.choices[0]?.message.content);
    for (const entry of content) {
      expect(entry.logprob).toBeLessThanOrEqual(0);
      expect(entry.bytes).toEqual([...Buffer.from(entry.token)]);
      expect(entry.top_logprobs).toHaveLength(2);
      expect(entry.top_logprobs[0]?.token).toBe(entry.token);
      expect(entry.top_logprobs[1]?.logprob).toBeLessThan(entry.logprob);
    }
  });

  it('answers json_object with a JSON object and json_schema with a valid instance', async () => {
    const client = sdkClient(simulator);
    const objectMode = await client.chat.completions.create({
      ...chatBody('demo-fast', 'Reply in JSON'),
      response_format: { type: 'json_object' },
    });
    expect(JSON.parse(objectMode.choices[0]?.message.content ?? '')).toEqual({
      answer: expect.stringMatching(/^Simulated reply/),
    });
    const schema = {
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 3 },
        age: { type: 'integer', minimum: 18, maximum: 30 },
        tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] }, minItems: 1 },
        address: {
          type: 'object',
          properties: { street: { type: 'string' }, zip: { type: 'number' } },
          required: ['street', 'zip'],
          additionalProperties: false,
        },
        active: { type: 'boolean' },
      },
      required: ['name', 'age', 'tags', 'address', 'active'],
      additionalProperties: false,
    };
    const schemaMode = await client.chat.completions.create({
      ...chatBody('demo-fast'),
      response_format: { type: 'json_schema', json_schema: { name: 'person', schema, strict: true } },
    });
    const value: unknown = JSON.parse(schemaMode.choices[0]?.message.content ?? '');
    expect(validatesAgainst(schema, value)).toBe(true);
  });

  it('continues a trailing assistant message so prefix + continuation is the uninterrupted answer', async () => {
    const client = sdkClient(simulator);
    const full =
      (await client.chat.completions.create(chatBody('demo-fast', 'Rescue me'))).choices[0]?.message
        .content ?? '';
    const prefix = full.slice(0, 30);
    const continued = await client.chat.completions.create({
      model: 'demo-fast',
      messages: [
        { role: 'user', content: 'Rescue me' },
        { role: 'assistant', content: prefix },
      ],
    });
    expect(prefix + continued.choices[0]?.message.content).toBe(full);
  });

  it('validates requests like OpenAI', async () => {
    const noModel = await postJson(simulator, '/v1/chat/completions', { messages: [] });
    expect(noModel.status).toBe(400);
    expect(noModel.json).toMatchObject({ error: { type: 'invalid_request_error', param: 'model' } });
    const noMessages = await postJson(simulator, '/v1/chat/completions', { model: 'demo-fast' });
    expect(noMessages.json).toEqual({
      error: {
        message: "Missing required parameter: 'messages'.",
        type: 'invalid_request_error',
        param: 'messages',
        code: 'missing_required_parameter',
      },
    });
    const badRole = await postJson(simulator, '/v1/chat/completions', {
      model: 'demo-fast',
      messages: [{ role: 'robot', content: 'x' }],
    });
    expect(badRole.json).toMatchObject({ error: { param: 'messages[0].role', code: 'invalid_value' } });
    const badJson = await postJson(simulator, '/v1/chat/completions', '{"model":');
    expect(badJson.status).toBe(400);
    expect(badJson.json).toMatchObject({ error: { type: 'invalid_request_error', param: null } });
    const badDirective = await postJson(simulator, '/v1/chat/completions', chatBody('demo+bogus'));
    expect(badDirective.json).toMatchObject({
      error: { param: 'model', message: expect.stringContaining("'bogus'") },
    });
  });
});
