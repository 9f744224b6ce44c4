import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createNetServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../canon/errors.js';
import { createHttpClient, type HttpClient } from './http-client.js';
import { deferred, delay, startTestServer, type TestServer } from './test-server.js';

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
): Promise<{ url: string; client: HttpClient }> {
  server = await startTestServer(handler);
  client = createHttpClient();
  return { url: server.url, client };
}

async function caught(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof GatewayError)) throw new Error(`expected a GatewayError, got ${String(error)}`);
  return error;
}

async function drain(body: AsyncIterable<Uint8Array>): Promise<number> {
  let bytes = 0;
  for await (const chunk of body) bytes += chunk.length;
  return bytes;
}

/** Records when the server-side socket of the most recent request closed. */
function trackSocketClose(request: IncomingMessage, closed: { at: number | undefined }): void {
  request.socket.once('close', () => {
    closed.at = performance.now();
  });
}

describe('createHttpClient error mapping', () => {
  it('maps connection refused to upstream_unavailable', async () => {
    const probe = createNetServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    client = createHttpClient();
    const error = await caught(client.send({ url: `http://127.0.0.1:${port}/`, method: 'GET', headers: {} }));
    expect(error.kind).toBe('upstream_unavailable');
    expect(error.message).toBe(`upstream http://127.0.0.1:${port} is unavailable (ECONNREFUSED)`);
  });

  it('maps a socket destroyed mid-body to upstream_unavailable during iteration', async () => {
    const { url, client } = await setup((request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: partial\n\n', () => {
        setTimeout(() => request.socket.destroy(), 20);
      });
    });
    const response = await client.send({ url: `${url}/`, method: 'POST', headers: {}, body: '{}' });
    const error = await caught(drain(response.body));
    expect(error.kind).toBe('upstream_unavailable');
  });

  it('maps abort before headers to client_closed and closes the upstream socket', async () => {
    const closed: { at: number | undefined } = { at: undefined };
    const requestSeen = deferred<void>();
    const { url, client } = await setup((request) => {
      trackSocketClose(request, closed);
      requestSeen.resolve();
    });
    const controller = new AbortController();
    const sent = caught(
      client.send({ url: `${url}/`, method: 'POST', headers: {}, body: '{}' }, { signal: controller.signal }),
    );
    await requestSeen.promise;
    const abortedAt = performance.now();
    controller.abort();
    const error = await sent;
    expect(error.kind).toBe('client_closed');
    await delay(200);
    expect(closed.at).toBeDefined();
    expect((closed.at ?? Number.POSITIVE_INFINITY) - abortedAt).toBeLessThan(200);
  });

  it('destroys the upstream socket promptly when aborted mid-body', async () => {
    const closed: { at: number | undefined } = { at: undefined };
    const { url, client } = await setup((request, response) => {
      trackSocketClose(request, closed);
      response.writeHead(200);
      response.write('data: one\n\n');
    });
    const controller = new AbortController();
    const response = await client.send(
      { url: `${url}/`, method: 'GET', headers: {} },
      { signal: controller.signal },
    );
    const iterator = response.body[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false);
    const abortedAt = performance.now();
    controller.abort();
    const error = await caught(iterator.next());
    expect(error.kind).toBe('client_closed');
    await delay(200);
    expect(closed.at).toBeDefined();
    expect((closed.at ?? Number.POSITIVE_INFINITY) - abortedAt).toBeLessThan(200);
  });

  it('releases the upstream socket when the caller stops iterating early', async () => {
    const closed: { at: number | undefined } = { at: undefined };
    const { url, client } = await setup((request, response) => {
      trackSocketClose(request, closed);
      response.writeHead(200);
      response.write('data: one\n\n');
    });
    const response = await client.send({ url: `${url}/`, method: 'GET', headers: {} });
    for await (const chunk of response.body) {
      expect(chunk.length).toBe(11);
      break;
    }
    await delay(200);
    expect(closed.at).toBeDefined();
  });

  it('rethrows a GatewayError abort reason unchanged, before and after headers', async () => {
    const { url, client } = await setup((request, response) => {
      if (request.url === '/body') {
        response.writeHead(200);
        response.write('x');
      }
    });
    const deadline = new GatewayError('upstream_timeout', 'attempt deadline reached');

    const beforeHeaders = new AbortController();
    const sent = client.send(
      { url: `${url}/headers`, method: 'GET', headers: {} },
      { signal: beforeHeaders.signal },
    );
    setTimeout(() => beforeHeaders.abort(deadline), 30);
    expect(await caught(sent)).toBe(deadline);

    const midBody = new AbortController();
    const response = await client.send(
      { url: `${url}/body`, method: 'GET', headers: {} },
      { signal: midBody.signal },
    );
    setTimeout(() => midBody.abort(deadline), 30);
    expect(await caught(drain(response.body))).toBe(deadline);
  });

  it('fails fast on an already aborted signal without connecting', async () => {
    const { url, client } = await setup((_request, response) => response.end());
    const error = await caught(
      client.send({ url: `${url}/`, method: 'GET', headers: {} }, { signal: AbortSignal.abort() }),
    );
    expect(error.kind).toBe('client_closed');
    expect(server?.connections()).toBe(0);
  });
});
