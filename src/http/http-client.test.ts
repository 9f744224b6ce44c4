import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../canon/errors.js';
import { createHttpClient, type HttpClient } from './http-client.js';
import { deferred, startTestServer, type TestServer } from './test-server.js';

let server: TestServer | undefined;
let client: HttpClient | undefined;

afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

async function setup(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
  options: Parameters<typeof createHttpClient>[0] = {},
): Promise<{ url: string; client: HttpClient; server: TestServer }> {
  server = await startTestServer(handler);
  client = createHttpClient(options);
  return { url: server.url, client, server };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      text += chunk;
    });
    request.on('end', () => resolve(text));
  });
}

describe('createHttpClient', () => {
  it('round-trips JSON and normalises response headers', async () => {
    const { url, client } = await setup(async (request, response) => {
      const body = await readBody(request);
      response.setHeader('Set-Cookie', ['a=1', 'b=2']);
      response.setHeader('X-Upstream-Thing', 'yes');
      response.writeHead(201, { 'Content-Type': 'application/json' });
      response.end(
        JSON.stringify({
          method: request.method,
          url: request.url,
          authorization: request.headers.authorization,
          contentType: request.headers['content-type'],
          received: JSON.parse(body) as unknown,
        }),
      );
    });
    const response = await client.send(
      {
        url: `${url}/v1/chat/completions?alt=sse`,
        method: 'POST',
        headers: { authorization: 'Bearer test', 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'héllo 👋' }] }),
      },
      {},
    );
    expect(response.status).toBe(201);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['x-upstream-thing']).toBe('yes');
    expect(response.headers['set-cookie']).toBe('a=1, b=2');
    expect(await response.json()).toStrictEqual({
      method: 'POST',
      url: '/v1/chat/completions?alt=sse',
      authorization: 'Bearer test',
      contentType: 'application/json',
      received: { model: 'm', messages: [{ role: 'user', content: 'héllo 👋' }] },
    });
  });

  it('returns error statuses as responses, not exceptions', async () => {
    const { url, client } = await setup((_request, response) => {
      response.writeHead(429, { 'retry-after': '3' });
      response.end('{"error":{"message":"slow down"}}');
    });
    const response = await client.send({ url: `${url}/`, method: 'GET', headers: {} });
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('3');
    expect(await response.text()).toBe('{"error":{"message":"slow down"}}');
  });

  it('streams body chunks as they arrive', async () => {
    const firstChunkSeen = deferred<void>();
    const { url, client } = await setup(async (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: one\n\n');
      // The second chunk is only sent once the client has seen the first: a client that
      // buffered the whole body would wait here forever and the test would time out.
      await firstChunkSeen.promise;
      response.end('data: two\n\n');
    });
    const response = await client.send({ url: `${url}/stream`, method: 'POST', headers: {}, body: '{}' });
    const chunks: string[] = [];
    const decoder = new TextDecoder();
    for await (const chunk of response.body) {
      chunks.push(decoder.decode(chunk));
      firstChunkSeen.resolve();
    }
    expect(chunks).toStrictEqual(['data: one\n\n', 'data: two\n\n']);
  });

  it('reuses pooled connections for sequential requests', async () => {
    const { url, client, server } = await setup((_request, response) => {
      response.end('ok');
    });
    for (let index = 0; index < 40; index += 1) {
      const response = await client.send({ url: `${url}/ping`, method: 'GET', headers: {} });
      expect(await response.text()).toBe('ok');
    }
    // undici marks a socket free a tick after the body ends, so back-to-back requests settle
    // on two sockets; without pooling this would be 40.
    expect(server.connections()).toBeLessThanOrEqual(2);

    const settled = server.connections();
    for (let index = 0; index < 40; index += 1) {
      const response = await client.send({ url: `${url}/ping`, method: 'GET', headers: {} });
      await response.dump();
    }
    expect(server.connections()).toBe(settled);
  });

  it('dump() frees the socket for the next request', async () => {
    const { url, client, server } = await setup((_request, response) => {
      response.end('z'.repeat(50_000));
    });
    for (let index = 0; index < 5; index += 1) {
      const response = await client.send({ url: `${url}/`, method: 'GET', headers: {} });
      await response.dump();
    }
    expect(server.connections()).toBeLessThanOrEqual(2);
  });

  it('maps invalid JSON to upstream_protocol', async () => {
    const { url, client } = await setup((_request, response) => {
      response.end('<html>bad gateway</html>');
    });
    const response = await client.send({ url: `${url}/`, method: 'GET', headers: {} });
    const error = await response.json().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ kind: 'upstream_protocol' });
  });

  it('rejects URLs it cannot send to with a GatewayError', async () => {
    const { client } = await setup((_request, response) => response.end());
    await expect(client.send({ url: 'not a url', method: 'GET', headers: {} })).rejects.toMatchObject({
      kind: 'internal',
    });
    await expect(
      client.send({ url: 'ftp://example.com/x', method: 'GET', headers: {} }),
    ).rejects.toMatchObject({
      kind: 'internal',
    });
  });

  it('refuses to send after close()', async () => {
    const { url, client } = await setup((_request, response) => response.end());
    await client.close();
    await expect(client.send({ url: `${url}/`, method: 'GET', headers: {} })).rejects.toMatchObject({
      kind: 'internal',
    });
  });
});
