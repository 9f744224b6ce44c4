import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpointsConfigYaml } from '../support/endpoints-config.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let harness: TestGateway;

beforeAll(async () => {
  harness = await startTestGateway({ yaml: endpointsConfigYaml });
});
afterAll(async () => {
  await harness?.stop();
});

describe('legacy POST /v1/completions (official openai SDK), served by a chat model', () => {
  it('answers a prompt as text_completion and logs it with usage and cost', async () => {
    const { data, response } = await harness
      .client()
      .completions.create({ model: 'chat', prompt: 'Say hello', max_tokens: 40 })
      .withResponse();
    expect(data.object).toBe('text_completion');
    expect(data.choices[0]?.text).toMatch(/^Simulated reply from demo-fast/);
    expect(data.choices[0]?.finish_reason).toMatch(/stop|length/);
    expect(data.usage?.prompt_tokens).toBeGreaterThan(0);
    await harness.flushLog();
    const row = await harness.gateway.app.store.requestLog.findById(
      response.headers.get('x-switchyard-request-id') ?? '',
    );
    expect(row).toMatchObject({ shape: 'openai-completions', outcome: 'success', provider: 'sim' });
    expect(row?.costMicros).not.toBeNull();
    expect(row?.outputTokens).toBeGreaterThan(0);
  });

  it('streams text_completion chunks whose text adds up to the answer', async () => {
    const client = harness.client();
    const whole = await client.completions.create({ model: 'chat', prompt: 'Stream please', max_tokens: 40 });
    const stream = await client.completions.create({
      model: 'chat',
      prompt: 'Stream please',
      max_tokens: 40,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let sawUsage = false;
    let finish: string | null = null;
    for await (const chunk of stream) {
      expect(chunk.object).toBe('text_completion');
      for (const choice of chunk.choices) {
        text += choice.text;
        finish = choice.finish_reason ?? finish;
      }
      if (chunk.usage) sawUsage = true;
    }
    expect(text).toBe(whole.choices[0]?.text);
    expect(finish).not.toBeNull();
    expect(sawUsage).toBe(true);
  });

  it('refuses what a chat model cannot do, in OpenAI shape', async () => {
    const client = harness.client();
    await expect(client.completions.create({ model: 'chat', prompt: 'x', echo: true })).rejects.toMatchObject(
      {
        status: 400,
        param: 'echo',
      },
    );
    await expect(client.completions.create({ model: 'chat', prompt: ['a', 'b'] })).rejects.toMatchObject({
      status: 400,
      param: 'prompt',
    });
    await expect(client.completions.create({ model: 'embed', prompt: 'x' })).rejects.toMatchObject({
      status: 400,
    });
  });
});

describe('GET /v1/models in each caller shape', () => {
  it('lists for the Anthropic SDK and retrieves one model', async () => {
    const client = new Anthropic({ apiKey: harness.key, baseURL: harness.url, maxRetries: 0 });
    const ids: string[] = [];
    for await (const model of client.models.list()) {
      expect(model.type).toBe('model');
      expect(model.display_name).toBeTruthy();
      ids.push(model.id);
    }
    expect(ids).toContain('chat');
    expect(ids).toContain('embed');
    const one = await client.models.retrieve('chat');
    expect(one).toMatchObject({ id: 'chat', type: 'model', display_name: 'Chat' });
    await expect(client.models.retrieve('nope')).rejects.toMatchObject({
      status: 404,
      error: { type: 'error' },
    });
  });

  it('lists for @google/genai with limits and methods, on /v1beta', async () => {
    const gemini = new GoogleGenAI({ apiKey: harness.key, httpOptions: { baseUrl: harness.url } });
    const names: string[] = [];
    const pager = await gemini.models.list();
    for await (const model of pager) names.push(model.name ?? '');
    expect(names).toContain('models/chat');
    const fast = await gemini.models.get({ model: 'demo-fast' });
    expect(fast).toMatchObject({
      name: 'models/demo-fast',
      inputTokenLimit: 128000,
      outputTokenLimit: 16384,
    });
    expect(fast.supportedActions ?? []).toContain('generateContent');
    const embed = await gemini.models.get({ model: 'demo-embed' });
    expect(embed.supportedActions).toEqual(['embedContent', 'batchEmbedContents']);
  });

  it('keeps OpenAI shape for OpenAI callers and answers Gemini-shaped errors with ?key=', async () => {
    const list = await harness.client().models.list();
    expect(list.data.some((model) => model.id === 'embed' && model.object === 'model')).toBe(true);
    const viaKey = await fetch(`${harness.url}/v1/models?key=${harness.key}`);
    expect(Object.keys((await viaKey.json()) as object)).toEqual(['models']);
    const unknown = await fetch(`${harness.url}/v1beta/models/nope?key=${harness.key}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 404, status: 'NOT_FOUND' } });
  });
});
