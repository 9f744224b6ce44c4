import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../src/http/test-server.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

/** What the fake Cohere server received. */
interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

let cohere: TestServer;
let harness: TestGateway;
const received: Received[] = [];

beforeAll(async () => {
  // Plays Cohere's v2 wire format: /v2/embed and /v2/rerank, `{message}` errors.
  cohere = await startTestServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      received.push({ path: request.url ?? '', headers: request.headers, body });
      const reply = (status: number, payload: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(payload));
      };
      if (body.model === 'broken') return reply(422, { id: 'e1', message: 'invalid input_type' });
      if (request.url === '/v2/embed') {
        const texts = body.texts as string[];
        return reply(200, {
          id: 'emb-1',
          embeddings: { float: texts.map((text, index) => [text.length, index, 0.5]) },
          texts,
          meta: { api_version: { version: '2' }, billed_units: { input_tokens: 1_000_000 } },
          response_type: 'embeddings_by_type',
        });
      }
      if (request.url === '/v2/rerank') {
        return reply(200, {
          id: 'rr-1',
          results: [
            { index: 2, relevance_score: 0.9 },
            { index: 0, relevance_score: 0.2 },
          ],
          meta: { api_version: { version: '2' }, billed_units: { search_units: 3 } },
        });
      }
      reply(404, { message: 'not found' });
    });
  });
  harness = await startTestGateway({
    yaml: `
logging: { level: silent }
providers:
  co: { type: cohere, apiKey: co-secret-key, baseUrl: "${cohere.url}/v2" }
models:
  co-embed: { targets: [ { provider: co, model: embed-v4.0 } ] }
  co-rerank: { targets: [ { provider: co, model: rerank-v3.5 } ] }
  co-broken: { targets: [ { provider: co, model: broken } ] }
`,
  });
});
afterAll(async () => {
  await harness?.stop();
  await cohere?.close();
});

describe('Cohere v2 embed and rerank egress', () => {
  it('sends /v2/embed with texts, input_type and float embedding types, and decodes embeddings.float', async () => {
    received.length = 0;
    const { data, response } = await harness
      .client()
      .embeddings.create({ model: 'co-embed', input: ['hello', 'hi'], dimensions: 256 })
      .withResponse();
    expect(received).toHaveLength(1);
    const call = received[0] as Received;
    expect(call.path).toBe('/v2/embed');
    expect(call.headers.authorization).toBe('Bearer co-secret-key');
    expect(call.headers['content-type']).toBe('application/json');
    expect(call.body).toEqual({
      model: 'embed-v4.0',
      texts: ['hello', 'hi'],
      input_type: 'search_document',
      embedding_types: ['float'],
      output_dimension: 256,
    });
    // The SDK asked for base64 and decoded it: float32 of the upstream's numbers.
    expect(data.data.map((item) => item.embedding)).toEqual([
      [5, 0, 0.5],
      [2, 1, 0.5],
    ]);
    expect(data.usage.prompt_tokens).toBe(1_000_000);
    await harness.flushLog();
    const row = await harness.gateway.app.store.requestLog.findById(
      response.headers.get('x-switchyard-request-id') ?? '',
    );
    // One million tokens at $0.12 per million.
    expect(row).toMatchObject({ provider: 'co', inputTokens: 1_000_000, costMicros: 120_000 });
  });

  it('passes input_type through for queries', async () => {
    received.length = 0;
    await harness.client().embeddings.create({
      model: 'co-embed',
      input: 'where is paris?',
      // A Cohere extension the OpenAI SDK forwards as is.
      ...({ input_type: 'search_query' } as object),
    });
    expect(received[0]?.body).toMatchObject({ input_type: 'search_query', texts: ['where is paris?'] });
  });

  it('sends /v2/rerank with string documents and reads results and search units', async () => {
    received.length = 0;
    const response = await fetch(`${harness.url}/v1/rerank`, {
      method: 'POST',
      headers: { authorization: `Bearer ${harness.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'co-rerank',
        query: 'q',
        documents: ['a', { text: 'b', id: 7 }, 'c'],
        top_n: 2,
        return_documents: true,
      }),
    });
    expect(response.status).toBe(200);
    expect(received[0]?.path).toBe('/v2/rerank');
    expect(received[0]?.body).toEqual({
      model: 'rerank-v3.5',
      query: 'q',
      documents: ['a', 'b', 'c'],
      top_n: 2,
    });
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      id: 'rr-1',
      results: [
        { index: 2, relevance_score: 0.9, document: { text: 'c' } },
        { index: 0, relevance_score: 0.2, document: { text: 'a' } },
      ],
      meta: { billed_units: { search_units: 3 } },
    });
    await harness.flushLog();
    const row = await harness.gateway.app.store.requestLog.findById(
      response.headers.get('x-switchyard-request-id') ?? '',
    );
    expect(row).toMatchObject({ costMicros: 6000, metadata: { 'units.searchUnits': '3' } });
  });

  it("maps Cohere's {message} errors and never leaks the upstream key", async () => {
    const error = (await harness
      .client()
      .embeddings.create({ model: 'co-broken', input: 'x' })
      .then(() => undefined)
      .catch((caught: unknown) => caught)) as { status: number; message: string };
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/invalid input_type/);
    expect(error.message).not.toMatch(/co-secret-key/);
  });
});
