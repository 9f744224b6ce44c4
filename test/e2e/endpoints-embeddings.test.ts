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

async function logRow(id: string | null) {
  await harness.flushLog();
  return harness.gateway.app.store.requestLog.findById(id ?? '');
}

describe('POST /v1/embeddings (official openai SDK)', () => {
  it('gives the same numbers as base64 (the SDK default, decoded by the SDK) and as floats', async () => {
    const client = harness.client();
    const viaBase64 = await client.embeddings.create({ model: 'embed', input: ['alpha', 'beta'] });
    const viaFloat = await client.embeddings.create({
      model: 'embed',
      input: ['alpha', 'beta'],
      encoding_format: 'float',
    });
    expect(viaBase64.data).toHaveLength(2);
    expect(viaBase64.data[0]?.embedding).toHaveLength(256);
    expect(viaBase64.data[1]?.embedding).toEqual(viaFloat.data[1]?.embedding);
    expect(viaBase64.data[0]?.embedding).toEqual(viaFloat.data[0]?.embedding);
    expect(viaBase64.data[0]?.embedding).not.toEqual(viaBase64.data[1]?.embedding);
    expect(viaFloat.usage.prompt_tokens).toBeGreaterThan(0);
  });

  it('passes dimensions and token-id input, and logs usage and cost', async () => {
    const { data, response } = await harness
      .client()
      .embeddings.create({
        model: 'embed',
        input: [
          [1, 2, 3],
          [4, 5],
        ],
        dimensions: 8,
        encoding_format: 'float',
      })
      .withResponse();
    expect(data.data[0]?.embedding).toHaveLength(8);
    expect(data.usage.prompt_tokens).toBe(5);
    expect(response.headers.get('x-switchyard-model')).toBe('sim/demo-embed');
    // 5 tokens at $0.02 per million = 0.0000001 USD, rounded to whole micro-dollars = 0.
    expect(response.headers.get('x-switchyard-cost-usd')).toBe('0.000000');
    const row = await logRow(response.headers.get('x-switchyard-request-id'));
    expect(row).toMatchObject({
      shape: 'openai-embeddings',
      requestedModel: 'embed',
      provider: 'sim',
      servedModel: 'demo-embed',
      status: 200,
      outcome: 'success',
      inputTokens: 5,
      outputTokens: 0,
      costMicros: 0,
    });
  });

  it('prices a large batch in integer micro-dollars', async () => {
    const text = 'word '.repeat(5000);
    const { data, response } = await harness
      .client()
      .embeddings.create({ model: 'embed', input: [text, text], encoding_format: 'float' })
      .withResponse();
    const tokens = data.usage.prompt_tokens;
    const expectedMicros = Math.round((tokens * 20_000) / 1_000_000);
    const row = await logRow(response.headers.get('x-switchyard-request-id'));
    expect(row?.costMicros).toBe(expectedMicros);
    expect(expectedMicros).toBeGreaterThan(0);
  });

  it('fails over a 500 to the next deployment', async () => {
    const { response } = await harness
      .client()
      .embeddings.create({ model: 'embed-flaky', input: 'x', encoding_format: 'float' })
      .withResponse();
    expect(response.headers.get('x-switchyard-attempts')).toBe('2');
    expect(response.headers.get('x-switchyard-fallback-used')).toBe('true');
  });

  it('serves a Gemini-protocol upstream (batchEmbedContents) with the same vectors', async () => {
    const viaGemini = await harness
      .client()
      .embeddings.create({ model: 'embed-gemini', input: 'alpha', encoding_format: 'float' });
    const viaOpenAi = await harness
      .client()
      .embeddings.create({ model: 'embed', input: 'alpha', encoding_format: 'float' });
    expect(viaGemini.data[0]?.embedding).toEqual(viaOpenAi.data[0]?.embedding);
    expect(viaGemini.usage.prompt_tokens).toBe(viaOpenAi.usage.prompt_tokens);
  });

  it("respects the key's allowed models", async () => {
    const { key } = await harness.createKey({ allowedModels: ['chat'] });
    await expect(
      harness.client({ key }).embeddings.create({ model: 'embed', input: 'x' }),
    ).rejects.toMatchObject({
      status: 403,
    });
    const { key: embedKey } = await harness.createKey({ allowedModels: ['embed'] });
    const allowed = await harness.client({ key: embedKey }).embeddings.create({ model: 'embed', input: 'x' });
    expect(allowed.data).toHaveLength(1);
  });

  it('refuses a chat model, and an embedding model on chat, with clear 400s', async () => {
    const client = harness.client();
    const error = await client.embeddings
      .create({ model: 'chat', input: 'x' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 400, code: 'no_capable_model', param: 'model' });
    expect(String((error as Error).message)).toMatch(/does not serve embeddings/);
    const chatError = await client.chat.completions
      .create({ model: 'embed', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(chatError).toMatchObject({ status: 400 });
  });

  it('answers bad input, unknown models and upstream 400s in OpenAI shape, and logs the failure', async () => {
    const client = harness.client();
    await expect(client.embeddings.create({ model: 'embed', input: [] })).rejects.toMatchObject({
      status: 400,
      param: 'input',
    });
    await expect(client.embeddings.create({ model: 'nope', input: 'x' })).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      client.embeddings.create({ model: 'embed', input: 'x', dimensions: 0 }),
    ).rejects.toMatchObject({
      status: 400,
      param: 'dimensions',
    });
    const upstream = (await client.embeddings
      .create({ model: 'embed-broken', input: 'x' })
      .then(() => undefined)
      .catch((caught: unknown) => caught)) as { status: number; headers: Headers };
    expect(upstream.status).toBe(400);
    const row = await logRow(upstream.headers.get('x-switchyard-request-id'));
    expect(row).toMatchObject({ outcome: 'error', status: 400, attempts: 1, provider: null });
    const unauthenticated = await harness
      .client({ key: 'sy_bad_key' })
      .embeddings.create({ model: 'embed', input: 'x' })
      .catch((caught: unknown) => caught);
    expect(unauthenticated).toMatchObject({ status: 401 });
    const refused = await logRow(
      (unauthenticated as { headers: Headers }).headers.get('x-switchyard-request-id'),
    );
    expect(refused).toMatchObject({ keyId: null, status: 401, outcome: 'error', shape: 'openai-embeddings' });
  });
});

describe('Gemini embedContent and countTokens (official @google/genai)', () => {
  const gemini = () => new GoogleGenAI({ apiKey: harness.key, httpOptions: { baseUrl: harness.url } });

  it('embeds through /v1beta and logs the request', async () => {
    const result = await gemini().models.embedContent({ model: 'embed', contents: ['alpha', 'beta'] });
    const viaOpenAi = await harness
      .client()
      .embeddings.create({ model: 'embed', input: 'beta', encoding_format: 'float' });
    expect(result.embeddings).toHaveLength(2);
    expect(result.embeddings?.[1]?.values).toEqual(viaOpenAi.data[0]?.embedding);
    await harness.flushLog();
    const rows = await harness.gateway.app.store.requestLog.list({ limit: 20 });
    const row = rows.find((candidate) => candidate.shape === 'gemini-embed');
    expect(row).toMatchObject({
      requestedModel: 'embed',
      provider: 'sim',
      outcome: 'success',
      costMicros: 0,
    });
    expect(row?.inputTokens).toBe(viaOpenAi.usage.prompt_tokens * 2);
  });

  it('embeds with outputDimensionality under /v1 too', async () => {
    const client = new GoogleGenAI({
      apiKey: harness.key,
      httpOptions: { baseUrl: harness.url, apiVersion: 'v1' },
    });
    const result = await client.models.embedContent({
      model: 'embed',
      contents: 'alpha',
      config: { outputDimensionality: 16 },
    });
    expect(result.embeddings?.[0]?.values).toHaveLength(16);
  });

  it('counts tokens with the gateway tokenizer', async () => {
    const short = await gemini().models.countTokens({ model: 'chat', contents: 'Hello' });
    const long = await gemini().models.countTokens({
      model: 'chat',
      contents: 'Hello there, how are you doing today?',
    });
    expect(short.totalTokens).toBeGreaterThan(0);
    expect(long.totalTokens).toBeGreaterThan(short.totalTokens ?? 0);
  });

  it('answers an unknown model in Gemini shape', async () => {
    const error = await gemini()
      .models.countTokens({ model: 'nope', contents: 'x' })
      .catch((caught: unknown) => caught);
    expect(String(error)).toMatch(/404/);
    const embedError = await gemini()
      .models.embedContent({ model: 'chat', contents: 'x' })
      .catch((caught: unknown) => caught);
    expect(String(embedError)).toMatch(/400/);
  });
});

describe('Anthropic count_tokens (official @anthropic-ai/sdk)', () => {
  it('counts a Messages request', async () => {
    const client = new Anthropic({ apiKey: harness.key, baseURL: harness.url, maxRetries: 0 });
    const short = await client.messages.countTokens({
      model: 'chat',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    const long = await client.messages.countTokens({
      model: 'chat',
      system: 'You are a careful assistant.',
      messages: [{ role: 'user', content: 'Please summarise the history of the printing press.' }],
    });
    expect(short.input_tokens).toBeGreaterThan(0);
    expect(long.input_tokens).toBeGreaterThan(short.input_tokens);
    await expect(
      client.messages.countTokens({ model: 'nope', messages: [{ role: 'user', content: 'Hi' }] }),
    ).rejects.toMatchObject({
      status: 404,
      error: { type: 'error', error: { type: 'not_found_error' } },
    });
  });
});
