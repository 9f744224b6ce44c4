import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator } from './index.js';
import { sdkClient } from './test-helpers.js';
import type { Simulator } from './types.js';
import { post } from './wire-test-helpers.js';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
});
afterAll(() => simulator.close());
beforeEach(() => simulator.reset());

const content = (text: string) => ({ parts: [{ text }] });

describe('Gemini embeddings', () => {
  it('embedContent gives the same vector as /v1/embeddings for the same text and size', async () => {
    const response = await post(simulator, '/v1beta/models/demo-embed:embedContent', {
      content: content('switch yard'),
      taskType: 'RETRIEVAL_DOCUMENT',
      outputDimensionality: 64,
    });
    const values = (response.json as { embedding: { values: number[] } }).embedding.values;
    expect(values).toHaveLength(64);
    const openai = await sdkClient(simulator).embeddings.create({
      model: 'demo-embed',
      input: 'switch yard',
      dimensions: 64,
      encoding_format: 'float',
    });
    expect(values).toEqual(openai.data[0]?.embedding);
    expect(Math.hypot(...values)).toBeCloseTo(1, 5);
    expect(simulator.records()[0]).toMatchObject({ protocol: 'gemini', model: 'demo-embed' });
  });

  it('batchEmbedContents answers one vector per request, 256 dimensions by default', async () => {
    const response = await post(simulator, '/v1/models/demo-embed:batchEmbedContents', {
      requests: [
        { model: 'models/demo-embed', content: content('alpha') },
        { model: 'models/demo-embed', content: content('beta'), output_dimensionality: 8 },
        { model: 'models/demo-embed', content: content('alpha') },
      ],
    });
    const embeddings = (response.json as { embeddings: { values: number[] }[] }).embeddings;
    expect(embeddings.map((embedding) => embedding.values.length)).toEqual([256, 8, 256]);
    expect(embeddings[0]).toEqual(embeddings[2]);
    expect(embeddings[0]).not.toEqual(embeddings[1]);
  });

  it('rejects empty content, bad dimensions and oversized batches with INVALID_ARGUMENT', async () => {
    const bodies: [string, unknown][] = [
      ['embedContent', { content: { parts: [] } }],
      ['embedContent', { content: content('x'), outputDimensionality: 0 }],
      ['batchEmbedContents', { requests: [] }],
      ['batchEmbedContents', { requests: Array.from({ length: 101 }, () => ({ content: content('x') })) }],
      ['embedContent', '{'],
    ];
    for (const [method, body] of bodies) {
      const response = await post(simulator, `/v1beta/models/demo-embed:${method}`, body);
      expect(response.status).toBe(400);
      expect(response.json).toMatchObject({ error: { code: 400, status: 'INVALID_ARGUMENT' } });
    }
  });
});
