import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator } from './index.js';
import { sdkClient } from './test-helpers.js';
import type { Simulator } from './types.js';
import { firstCandidate, get, partsOf, post } from './wire-test-helpers.js';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
});
afterAll(() => simulator.close());
beforeEach(() => simulator.reset());

const KEY = { 'x-goog-api-key': 'gemini-test-key' };
const userTurn = (text: string) => ({ role: 'user', parts: [{ text }] });
const generate = (model: string, extra: Record<string, unknown> = {}, text = 'Hello there') =>
  post(simulator, `/v1beta/models/${model}:generateContent`, { contents: [userTurn(text)], ...extra }, KEY);

describe('generateContent answers', () => {
  it('answers with the same text as Chat Completions, with usageMetadata', async () => {
    const response = await generate('demo-fast', { systemInstruction: { parts: [{ text: 'Be brief.' }] } });
    expect(response.status).toBe(200);
    const openai = await sdkClient(simulator).chat.completions.create({
      model: 'demo-fast',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello there' },
      ],
    });
    const prompt = openai.usage?.prompt_tokens ?? 0;
    expect(response.json).toEqual({
      candidates: [
        {
          content: { parts: [{ text: openai.choices[0]?.message.content }], role: 'model' },
          finishReason: 'STOP',
          index: 0,
        },
      ],
      usageMetadata: {
        promptTokenCount: prompt,
        candidatesTokenCount: 24,
        totalTokenCount: prompt + 24,
        promptTokensDetails: [{ modality: 'TEXT', tokenCount: prompt }],
      },
      modelVersion: 'demo-fast',
      responseId: expect.any(String),
    });
    expect(simulator.records()[0]).toMatchObject({
      protocol: 'gemini',
      model: 'demo-fast',
      path: '/v1beta/models/demo-fast:generateContent',
      stream: false,
      headers: { 'x-goog-api-key': '***-key' },
    });
  });

  it('takes the model from the path, %2B-encoded directives and the /v1 prefix included', async () => {
    const encoded = await post(simulator, '/v1/models/demo%2Btokens-3%2Bcached-2:generateContent', {
      contents: [userTurn('Hi')],
    });
    expect(encoded.json).toMatchObject({
      usageMetadata: { candidatesTokenCount: 3, cachedContentTokenCount: 2 },
      modelVersion: 'demo+tokens-3+cached-2',
    });
    expect(simulator.records()[0]?.model).toBe('demo+tokens-3+cached-2');
    const plus = await generate('demo+429');
    expect(plus.status).toBe(429);
  });

  it('applies maxOutputTokens, stopSequences, candidateCount and snake_case fields', async () => {
    const cut = await generate('demo', { generation_config: { max_output_tokens: 3 } });
    expect(firstCandidate(cut.json)).toMatchObject({ finishReason: 'MAX_TOKENS' });
    const stopped = await generate('demo', { generationConfig: { stopSequences: [' from'] } });
    expect(partsOf(firstCandidate(stopped.json))).toEqual([{ text: 'Simulated reply' }]);
    const two = await generate('demo', { generationConfig: { candidateCount: 2 } });
    const candidates = (two.json as { candidates: { index: number }[] }).candidates;
    expect(candidates.map((candidate) => candidate.index)).toEqual([0, 1]);
    expect(partsOf(candidates[0] ?? {})).not.toEqual(partsOf(candidates[1] ?? {}));
  });

  it('rejects unknown fields, bad roles and empty parts with INVALID_ARGUMENT', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ contents: [userTurn('x')], messages: [] }, 'Unknown name "messages": Cannot find field.'],
      [
        { contents: [userTurn('x')], generationConfig: { max_tokens: 5 } },
        `Unknown name "max_tokens" at 'generation_config'`,
      ],
      [
        { contents: [{ role: 'assistant', parts: [{ text: 'x' }] }] },
        'Please use a valid role: user, model.',
      ],
      [{ contents: [{ role: 'user', parts: [] }] }, 'contents.parts must not be empty'],
      [{ contents: [] }, 'contents is not specified'],
    ];
    for (const [body, message] of cases) {
      const response = await post(simulator, '/v1beta/models/demo:generateContent', body);
      expect(response.status).toBe(400);
      expect(response.json).toMatchObject({ error: { code: 400, status: 'INVALID_ARGUMENT' } });
      expect((response.json as { error: { message: string } }).error.message).toContain(message);
    }
  });
});

describe('countTokens, auth and models', () => {
  it('countTokens equals promptTokenCount, with contents or a generateContentRequest', async () => {
    const answered = await generate('demo', { systemInstruction: { parts: [{ text: 'Be brief.' }] } });
    const prompt = (answered.json as { usageMetadata: { promptTokenCount: number } }).usageMetadata
      .promptTokenCount;
    const wrapped = await post(simulator, '/v1beta/models/demo:countTokens', {
      generateContentRequest: {
        model: 'models/demo',
        contents: [userTurn('Hello there')],
        systemInstruction: { parts: [{ text: 'Be brief.' }] },
      },
    });
    expect(wrapped.json).toMatchObject({ totalTokens: prompt });
    const plain = await post(simulator, '/v1beta/models/demo:countTokens', {
      contents: [userTurn('Hello there')],
    });
    expect((plain.json as { totalTokens: number }).totalTokens).toBeLessThan(prompt);
    const misplaced = await post(simulator, '/v1beta/models/demo:countTokens', {
      contents: [userTurn('x')],
      systemInstruction: 'x',
    });
    expect(misplaced.status).toBe(400);
  });

  it('takes the key from x-goog-api-key or ?key=; missing is 403, wrong is 400 API_KEY_INVALID', async () => {
    const guarded = await startSimulator({ port: 0, requireApiKey: 'g-right' });
    try {
      const body = { contents: [userTurn('Hi')] };
      const path = '/v1beta/models/demo:generateContent';
      expect((await post(guarded, path, body, { 'x-goog-api-key': 'g-right' })).status).toBe(200);
      expect((await post(guarded, `${path}?key=g-right`, body)).status).toBe(200);
      const missing = await post(guarded, path, body);
      expect(missing.json).toMatchObject({ error: { code: 403, status: 'PERMISSION_DENIED' } });
      const wrong = await post(guarded, path, body, { 'x-goog-api-key': 'g-wrong' });
      expect(wrong.status).toBe(400);
      expect(wrong.json).toMatchObject({
        error: { status: 'INVALID_ARGUMENT', details: [{ reason: 'API_KEY_INVALID' }] },
      });
    } finally {
      await guarded.close();
    }
  });

  it("lists and gets models in Gemini's shape", async () => {
    const list = await get(simulator, '/v1beta/models');
    expect(list.json).toMatchObject({
      models: expect.arrayContaining([expect.objectContaining({ name: 'models/demo-fast' })]),
    });
    expect((await get(simulator, '/v1beta/models/demo-embed')).json).toMatchObject({
      supportedGenerationMethods: ['embedContent', 'batchEmbedContents'],
    });
    expect(await get(simulator, '/v1beta/models/nope')).toMatchObject({
      status: 404,
      json: { error: { status: 'NOT_FOUND' } },
    });
  });
});
