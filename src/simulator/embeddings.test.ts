import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from './index.js';
import { postJson, sdkClient } from './test-helpers.js';
import type { Simulator } from './types.js';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
});
afterAll(() => simulator.close());

interface EmbeddingList {
  object: string;
  model: string;
  data: { object: string; index: number; embedding: number[] | string }[];
  usage: { prompt_tokens: number; total_tokens: number };
}

async function embed(body: Record<string, unknown>): Promise<EmbeddingList> {
  const response = await postJson(simulator, '/v1/embeddings', body);
  expect(response.status).toBe(200);
  return response.json as EmbeddingList;
}

function decode(base64: string): number[] {
  const bytes = Buffer.from(base64, 'base64');
  const values: number[] = [];
  for (let offset = 0; offset < bytes.length; offset += 4) values.push(bytes.readFloatLE(offset));
  return values;
}

describe('embeddings', () => {
  it('returns deterministic 256-dimension unit vectors with usage', async () => {
    const first = await embed({ model: 'demo-embed', input: ['hello world', 'other text'] });
    expect(first).toMatchObject({
      object: 'list',
      model: 'demo-embed',
      usage: { prompt_tokens: 4, total_tokens: 4 },
    });
    const [a, b] = first.data;
    expect(a).toMatchObject({ object: 'embedding', index: 0 });
    const vector = a?.embedding as number[];
    expect(vector).toHaveLength(256);
    expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
    expect(b?.embedding).not.toEqual(vector);
    const again = await embed({ model: 'demo-embed', input: 'hello world' });
    expect(again.data[0]?.embedding).toEqual(vector);
  });

  it('encodes base64 as little-endian float32 that decodes to the float answer', async () => {
    const floats = await embed({
      model: 'demo-embed',
      input: 'same input',
      dimensions: 64,
      encoding_format: 'float',
    });
    const base64 = await embed({
      model: 'demo-embed',
      input: 'same input',
      dimensions: 64,
      encoding_format: 'base64',
    });
    const encoded = base64.data[0]?.embedding;
    expect(typeof encoded).toBe('string');
    expect(decode(encoded as string)).toEqual(floats.data[0]?.embedding);
  });

  it('works with the SDK, which asks for base64 by default', async () => {
    const result = await sdkClient(simulator).embeddings.create({
      model: 'demo-embed',
      input: 'same input',
      dimensions: 64,
    });
    const floats = await embed({ model: 'demo-embed', input: 'same input', dimensions: 64 });
    expect(result.data[0]?.embedding).toEqual(floats.data[0]?.embedding);
    expect(simulator.records().at(-2)?.body).toMatchObject({ encoding_format: 'base64' });
  });

  it('accepts token-id input, rejects a missing input, and applies fault directives', async () => {
    const tokens = await embed({ model: 'e', input: [1, 2, 3] });
    expect(tokens.usage.prompt_tokens).toBe(3);
    const missing = await postJson(simulator, '/v1/embeddings', { model: 'e' });
    expect(missing.json).toMatchObject({ error: { param: 'input', code: 'missing_required_parameter' } });
    const limited = await postJson(simulator, '/v1/embeddings', { model: 'e+429-ra1', input: 'x' });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
  });
});
