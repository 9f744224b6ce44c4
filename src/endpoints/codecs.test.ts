import { describe, expect, it } from 'vitest';
import { GatewayError } from '../canon/index.js';
import type { CatalogEntry } from '../catalog/index.js';
import { wavDurationSeconds } from './audio/wav-duration.js';
import { computeEndpointCostMicros } from './cost.js';
import { decodeGeminiEmbedRequest, encodeGeminiEmbedResponse } from './embeddings/gemini-ingress.js';
import {
  decodeOpenAiEmbeddingsRequest,
  encodeOpenAiEmbeddingsResponse,
} from './embeddings/openai-ingress.js';
import { decodeBase64Vector, encodeBase64Vector } from './embeddings/vector-encoding.js';
import { decodeRerankRequest, encodeRerankResponse } from './rerank/rerank.js';

function errorOf(run: () => unknown): GatewayError {
  try {
    run();
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

describe('embedding vectors in base64', () => {
  it('is little-endian float32, as OpenAI sends it', () => {
    expect(encodeBase64Vector([1, -2])).toBe(
      Buffer.from([0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0]).toString('base64'),
    );
    const vector = [0.1, -0.25, 3.5e-8];
    expect(decodeBase64Vector(encodeBase64Vector(vector))).toEqual(vector.map((value) => Math.fround(value)));
    expect(decodeBase64Vector('AAA=')).toBeUndefined();
  });
});

describe('OpenAI embeddings requests', () => {
  it('reads every input form', () => {
    expect(decodeOpenAiEmbeddingsRequest({ model: 'm', input: 'a' }).input.inputs).toEqual(['a']);
    expect(decodeOpenAiEmbeddingsRequest({ model: 'm', input: ['a', 'b'] }).input.inputs).toEqual(['a', 'b']);
    expect(decodeOpenAiEmbeddingsRequest({ model: 'm', input: [1, 2] }).input.inputs).toEqual([[1, 2]]);
    expect(decodeOpenAiEmbeddingsRequest({ model: 'm', input: [[1], [2, 3]] }).input.inputs).toEqual([
      [1],
      [2, 3],
    ]);
    const call = decodeOpenAiEmbeddingsRequest({
      model: 'm',
      input: 'a',
      encoding_format: 'base64',
      dimensions: 64,
      user: 'u1',
      models: ['n'],
    });
    expect(call).toMatchObject({
      model: 'm',
      endUser: 'u1',
      fallbackModels: ['n'],
      input: { encodingFormat: 'base64', dimensions: 64, user: 'u1' },
    });
  });

  it('names the offending field', () => {
    expect(errorOf(() => decodeOpenAiEmbeddingsRequest({ input: 'a' })).details.param).toBe('model');
    expect(errorOf(() => decodeOpenAiEmbeddingsRequest({ model: 'm' })).details.param).toBe('input');
    expect(errorOf(() => decodeOpenAiEmbeddingsRequest({ model: 'm', input: ['a', ''] })).details.param).toBe(
      'input[1]',
    );
    expect(
      errorOf(() => decodeOpenAiEmbeddingsRequest({ model: 'm', input: [[1], ['x']] })).details.param,
    ).toBe('input[1]');
    expect(
      errorOf(() => decodeOpenAiEmbeddingsRequest({ model: 'm', input: 'a', encoding_format: 'int8' }))
        .details.param,
    ).toBe('encoding_format');
  });

  it('answers floats or base64 as asked', () => {
    const result = { vectors: [[0.5, -1]], inputTokens: 3 };
    const asBase64 = encodeOpenAiEmbeddingsResponse(
      result,
      decodeOpenAiEmbeddingsRequest({ model: 'm', input: 'a', encoding_format: 'base64' }),
    );
    expect(asBase64).toEqual({
      kind: 'json',
      body: {
        object: 'list',
        data: [{ object: 'embedding', index: 0, embedding: encodeBase64Vector([0.5, -1]) }],
        model: 'm',
        usage: { prompt_tokens: 3, total_tokens: 3 },
      },
    });
  });
});

describe('Gemini embed requests', () => {
  it('reads embedContent and batchEmbedContents', () => {
    const single = decodeGeminiEmbedRequest(
      {
        content: { parts: [{ text: 'a' }, { text: 'b' }] },
        taskType: 'RETRIEVAL_QUERY',
        outputDimensionality: 8,
      },
      { model: 'models/e' },
      false,
    );
    expect(single).toMatchObject({
      model: 'e',
      input: { batch: false, inputs: ['a\nb'], purpose: 'search_query', dimensions: 8 },
    });
    const batch = decodeGeminiEmbedRequest(
      { requests: [{ content: { parts: [{ text: 'x' }] } }, { content: { parts: [{ text: 'y' }] } }] },
      { model: 'e' },
      true,
    );
    expect(batch.input.inputs).toEqual(['x', 'y']);
    expect(encodeGeminiEmbedResponse({ vectors: [[1], [2]], inputTokens: 2 }, batch)).toEqual({
      kind: 'json',
      body: { embeddings: [{ values: [1] }, { values: [2] }] },
    });
    expect(
      errorOf(() => decodeGeminiEmbedRequest({ content: {} }, { model: 'e' }, false)).details.param,
    ).toBe('content');
  });
});

describe('rerank requests', () => {
  it('reads Cohere-compatible fields and returns the caller documents', () => {
    const call = decodeRerankRequest({
      model: 'r',
      query: 'q',
      documents: ['a', { text: 'b', id: 1 }],
      top_n: 1,
      return_documents: true,
    });
    expect(call.input).toEqual({
      query: 'q',
      documents: ['a', { text: 'b', id: 1 }],
      topN: 1,
      returnDocuments: true,
    });
    const reply = encodeRerankResponse(
      { results: [{ index: 1, relevanceScore: 0.7 }], searchUnits: 1, id: 'x' },
      call,
    );
    expect(reply).toEqual({
      kind: 'json',
      body: {
        id: 'x',
        results: [{ index: 1, relevance_score: 0.7, document: { text: 'b', id: 1 } }],
        meta: { api_version: { version: '2' }, billed_units: { search_units: 1 } },
      },
    });
    expect(errorOf(() => decodeRerankRequest({ model: 'r', documents: ['a'] })).details.param).toBe('query');
    expect(errorOf(() => decodeRerankRequest({ model: 'r', query: 'q', documents: [1] })).details.param).toBe(
      'documents[0]',
    );
    expect(
      errorOf(() => decodeRerankRequest({ model: 'r', query: 'q', documents: ['a'], top_n: 0 })).details
        .param,
    ).toBe('top_n');
  });
});

describe('endpoint cost', () => {
  const entry = (
    unitPrices: Partial<CatalogEntry['unitPrices']>,
    input: number | null = null,
  ): CatalogEntry =>
    ({
      price: {
        inputMicrosPerMillion: input,
        outputMicrosPerMillion: null,
        cachedInputMicrosPerMillion: null,
        cacheWriteMicrosPerMillion: null,
      },
      unitPrices: {
        imageMicros: null,
        millionCharactersMicros: null,
        minuteMicros: null,
        searchUnitMicros: null,
        ...unitPrices,
      },
    }) as CatalogEntry;

  it('prices each unit in integer micro-dollars, unknown as null', () => {
    expect(computeEndpointCostMicros({ images: 3 }, entry({ imageMicros: 40_000 }))).toBe(120_000);
    expect(
      computeEndpointCostMicros({ characters: 1000 }, entry({ millionCharactersMicros: 15_000_000 })),
    ).toBe(15_000);
    expect(computeEndpointCostMicros({ seconds: 90 }, entry({ minuteMicros: 6000 }))).toBe(9000);
    expect(computeEndpointCostMicros({ searchUnits: 2 }, entry({ searchUnitMicros: 2000 }))).toBe(4000);
    expect(computeEndpointCostMicros({ images: 1 }, entry({}))).toBeNull();
    expect(computeEndpointCostMicros({ images: 1 }, undefined)).toBeNull();
  });

  it('prices embedding tokens even when the output price is unknown', () => {
    expect(computeEndpointCostMicros({ inputTokens: 2_000_000, outputTokens: 0 }, entry({}, 20_000))).toBe(
      40_000,
    );
    expect(computeEndpointCostMicros({ inputTokens: 10 }, entry({}))).toBeNull();
  });
});

describe('WAV duration', () => {
  it('reads data bytes over byte rate, and refuses what is not a WAV', () => {
    const header = Buffer.alloc(44);
    header.write('RIFF', 0, 'latin1');
    header.writeUInt32LE(36 + 16_000, 4);
    header.write('WAVEfmt ', 8, 'latin1');
    header.writeUInt32LE(16, 16);
    header.writeUInt16LE(1, 20);
    header.writeUInt16LE(1, 22);
    header.writeUInt32LE(8000, 24);
    header.writeUInt32LE(16_000, 28);
    header.writeUInt16LE(2, 32);
    header.writeUInt16LE(16, 34);
    header.write('data', 36, 'latin1');
    header.writeUInt32LE(16_000, 40);
    expect(wavDurationSeconds(Buffer.concat([header, Buffer.alloc(16_000)]))).toBe(1);
    expect(wavDurationSeconds(Buffer.from('ID3 not a wav'))).toBeUndefined();
  });
});
