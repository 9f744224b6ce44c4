import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let harness: TestGateway;
let client: Anthropic;

beforeAll(async () => {
  harness = await startTestGateway();
  client = new Anthropic({ apiKey: harness.key, baseURL: harness.url, maxRetries: 0 });
});
afterAll(async () => {
  await harness?.stop();
});

const weather = {
  name: 'get_weather',
  description: 'Weather by city',
  input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] },
};

describe('Anthropic Messages callers (official @anthropic-ai/sdk) served by an OpenAI-protocol upstream', () => {
  it('answers a plain request in Anthropic shape', async () => {
    const message = await client.messages.create({
      model: 'chat',
      max_tokens: 256,
      messages: [{ role: 'user', content: 'Hello' }],
    });
    expect(message.type).toBe('message');
    expect(message.role).toBe('assistant');
    const first = message.content[0];
    expect(first?.type).toBe('text');
    if (first?.type === 'text') expect(first.text).toMatch(/^Simulated reply from demo-fast/);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.output_tokens).toBeGreaterThan(0);
  });

  it('streams in Anthropic grammar and the SDK assembles the final message', async () => {
    const stream = client.messages.stream({
      model: 'chat',
      max_tokens: 256,
      messages: [{ role: 'user', content: 'Stream it' }],
    });
    const deltas: string[] = [];
    stream.on('text', (text) => deltas.push(text));
    const final = await stream.finalMessage();
    expect(deltas.length).toBeGreaterThan(1);
    const first = final.content[0];
    if (first?.type !== 'text') throw new Error('expected text');
    expect(first.text).toBe(deltas.join(''));
    expect(final.stop_reason).toBe('end_turn');
  });

  it('carries tools across two turns', async () => {
    const first = await client.messages.create({
      model: 'chat',
      max_tokens: 256,
      tools: [weather],
      messages: [{ role: 'user', content: 'Weather in Oslo?' }],
    });
    expect(first.stop_reason).toBe('tool_use');
    const call = first.content.find((block) => block.type === 'tool_use');
    if (call?.type !== 'tool_use') throw new Error('expected a tool call');
    expect(call.name).toBe('get_weather');
    expect(typeof (call.input as { city: unknown }).city).toBe('string');
    const second = await client.messages.create({
      model: 'chat',
      max_tokens: 256,
      tools: [weather],
      messages: [
        { role: 'user', content: 'Weather in Oslo?' },
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: call.id, content: 'Snow, -3 degrees' }],
        },
      ],
    });
    expect(second.stop_reason).toBe('end_turn');
    const text = second.content[0];
    if (text?.type === 'text') expect(text.text).toContain('-3');
  });

  it('answers errors in Anthropic envelopes', async () => {
    await expect(
      client.messages.create({
        model: 'no-such-model',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'x' }],
      }),
    ).rejects.toMatchObject({
      status: 404,
      error: { type: 'error', error: { type: 'not_found_error' } },
    });
    const stranger = new Anthropic({
      apiKey: 'sy_AAAAAAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB',
      baseURL: harness.url,
      maxRetries: 0,
    });
    await expect(
      stranger.messages.create({ model: 'chat', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toMatchObject({ status: 401 });
    const missing = await fetch(`${harness.url}/v1/messages`, {
      method: 'POST',
      headers: {
        'x-api-key': harness.key,
        'content-type': 'application/json',
        'anthropic-version': '2023-06-01',
      },
      body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'x' }] }),
    });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toContain('max_tokens');
  });

  it('a stream cut after commit ends with an Anthropic error event, which the SDK raises', async () => {
    const stream = client.messages.stream({
      model: 'sim/demo-fast+cut-3',
      max_tokens: 256,
      messages: [{ role: 'user', content: 'cut me' }],
    });
    await expect(stream.finalMessage()).rejects.toThrow();
  });
});
