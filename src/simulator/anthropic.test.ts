import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator } from './index.js';
import { sdkClient } from './test-helpers.js';
import type { Simulator } from './types.js';
import { get, post } from './wire-test-helpers.js';

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

describe('Messages answers', () => {
  it('answers with the same text as Chat Completions, in the message shape with usage', async () => {
    const response = await messages('demo-fast');
    expect(response.status).toBe(200);
    expect(response.headers.get('request-id')).toMatch(/^req_/);
    expect(response.headers.get('x-request-id')).toBeNull();
    const openai = await sdkClient(simulator).chat.completions.create({
      model: 'demo-fast',
      messages: [{ role: 'user', content: 'Hello there' }],
    });
    expect(response.json).toEqual({
      id: expect.stringMatching(/^msg_/),
      type: 'message',
      role: 'assistant',
      model: 'demo-fast',
      content: [{ type: 'text', text: openai.choices[0]?.message.content }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: {
        input_tokens: openai.usage?.prompt_tokens,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        output_tokens: 24,
        service_tier: 'standard',
      },
    });
    expect(simulator.records()[0]).toMatchObject({ protocol: 'anthropic', model: 'demo-fast', status: 200 });
    expect(simulator.records()[1]?.protocol).toBe('openai');
  });

  it('reports max_tokens, stop_sequence and cached tokens the Anthropic way', async () => {
    const cut = await post(simulator, '/v1/messages', {
      model: 'demo',
      max_tokens: 3,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(cut.json).toMatchObject({ stop_reason: 'max_tokens', usage: { output_tokens: 3 } });
    const stopped = await messages('demo', 'Hi', { stop_sequences: [' from'] });
    expect(stopped.json).toMatchObject({
      content: [{ type: 'text', text: 'Simulated reply' }],
      stop_reason: 'stop_sequence',
      stop_sequence: ' from',
    });
    const cached = await messages('demo+cached-5', [{ type: 'text', text: 'Hello there' }], {
      system: 'Be brief.',
    });
    const count = await post(simulator, '/v1/messages/count_tokens', {
      model: 'demo',
      system: [{ type: 'text', text: 'Be brief.' }],
      messages: [{ role: 'user', content: 'Hello there' }],
    });
    const usage = (cached.json as { usage: Record<string, number> }).usage;
    expect(usage.cache_read_input_tokens).toBe(5);
    expect(count.json).toEqual({ input_tokens: (usage.input_tokens ?? 0) + 5 });
  });

  it('validates like the API: max_tokens, roles, empty text, unknown blocks, bad JSON', async () => {
    const cases: [unknown, string][] = [
      [{ model: 'demo', messages: [{ role: 'user', content: 'x' }] }, 'max_tokens: Field required'],
      [{ model: 'demo', max_tokens: 5, messages: [] }, 'messages: at least one message is required'],
      [
        { model: 'demo', max_tokens: 5, messages: [{ role: 'system', content: 'x' }] },
        "messages.0.role: Input should be 'user' or 'assistant'",
      ],
      [
        { model: 'demo', max_tokens: 5, messages: [{ role: 'user', content: [{ type: 'text', text: '' }] }] },
        'text content blocks must be non-empty',
      ],
      [
        { model: 'demo', max_tokens: 5, messages: [{ role: 'user', content: [{ type: 'audio' }] }] },
        "Input tag 'audio'",
      ],
      [{ max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }, 'model: Field required'],
      [
        { model: 'demo+oops', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] },
        "Unknown simulator directive 'oops'",
      ],
      ['{not json', 'invalid JSON'],
    ];
    for (const [body, message] of cases) {
      const response = await post(simulator, '/v1/messages', body);
      expect(response.status).toBe(400);
      expect(response.json).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
      expect((response.json as { error: { message: string } }).error.message).toContain(message);
      expect((response.json as { request_id: string }).request_id).toMatch(/^req_/);
    }
  });

  it('accepts images and documents without counting them as text', async () => {
    const image = {
      type: 'image',
      source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' },
    };
    const response = await messages('demo', [image, { type: 'text', text: 'Hello there' }]);
    const plain = await messages('demo');
    expect(response.json).toMatchObject({ content: (plain.json as { content: unknown }).content });
  });
});

describe('auth and models', () => {
  it('accepts x-api-key or bearer when a key is required and answers 401 authentication_error otherwise', async () => {
    const guarded = await startSimulator({ port: 0, requireApiKey: 'sk-right' });
    try {
      const body = { model: 'demo', max_tokens: 20, messages: [{ role: 'user', content: 'Hi' }] };
      expect((await post(guarded, '/v1/messages', body, { 'x-api-key': 'sk-right' })).status).toBe(200);
      expect((await post(guarded, '/v1/messages', body, { authorization: 'Bearer sk-right' })).status).toBe(
        200,
      );
      const missing = await post(guarded, '/v1/messages', body);
      expect(missing.status).toBe(401);
      expect(missing.json).toMatchObject({
        type: 'error',
        error: { type: 'authentication_error', message: 'x-api-key header is required' },
      });
      const wrong = await post(guarded, '/v1/messages/count_tokens', body, { 'x-api-key': 'sk-wrong' });
      expect(wrong.json).toMatchObject({
        error: { type: 'authentication_error', message: 'invalid x-api-key' },
      });
      expect(guarded.records().map((record) => record.protocol)).toEqual([
        'anthropic',
        'anthropic',
        'anthropic',
        'anthropic',
      ]);
    } finally {
      await guarded.close();
    }
  });

  it("lists models in Anthropic's shape when anthropic-version is sent, OpenAI's otherwise", async () => {
    const anthropic = await get(simulator, '/v1/models', HEADERS);
    expect(anthropic.json).toMatchObject({
      data: expect.arrayContaining([
        { type: 'model', id: 'demo-fast', display_name: 'Demo Fast', created_at: '2025-01-01T00:00:00.000Z' },
      ]),
      has_more: false,
      first_id: 'demo-fast',
      last_id: 'demo-transcribe',
    });
    expect((await get(simulator, '/v1/models')).json).toMatchObject({ object: 'list' });
    expect((await get(simulator, '/v1/models/demo-smart', HEADERS)).json).toMatchObject({
      type: 'model',
      id: 'demo-smart',
    });
    const missing = await get(simulator, '/v1/models/nope', HEADERS);
    expect(missing).toMatchObject({ status: 404, json: { error: { type: 'not_found_error' } } });
  });
});
