import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createNetServer, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../canon/errors.js';
import { createHttpClient, type HttpClient } from './http-client.js';
import { startTestServer } from './test-server.js';

// undici checks header/body/connect timeouts on a coarse (~1 s) timer, so even 100 ms limits
// take about a second to fire; the cases run concurrently to keep this file fast.

async function caught(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof GatewayError)) throw new Error(`expected a GatewayError, got ${String(error)}`);
  return error;
}

async function withServer(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
  run: (url: string, client: HttpClient) => Promise<void>,
): Promise<void> {
  const server = await startTestServer(handler);
  const client = createHttpClient();
  try {
    await run(server.url, client);
  } finally {
    await server.close();
    await client.close();
  }
}

describe.concurrent('createHttpClient timeouts', () => {
  it('maps a headers timeout to upstream_timeout without leaking credentials', async () => {
    await withServer(
      () => {
        // Never answer.
      },
      async (url, client) => {
        const error = await caught(
          client.send(
            {
              url: `${url}/v1beta/models?key=secret-query-key`,
              method: 'POST',
              headers: { authorization: 'Bearer sk-secret' },
            },
            { timeouts: { headersMs: 100 } },
          ),
        );
        expect(error.kind).toBe('upstream_timeout');
        expect(error.message).toBe(
          `upstream ${url} timed out waiting for response headers after 100 ms (UND_ERR_HEADERS_TIMEOUT)`,
        );
        expect(error.message).not.toContain('secret');
        expect(error.details.cause).toMatchObject({ code: 'UND_ERR_HEADERS_TIMEOUT' });
      },
    );
  });

  it('maps a body timeout during iteration to upstream_timeout', async () => {
    await withServer(
      (_request, response) => {
        response.writeHead(200);
        response.write('first');
      },
      async (url, client) => {
        const response = await client.send(
          { url: `${url}/`, method: 'GET', headers: {} },
          { timeouts: { bodyMs: 100 } },
        );
        const chunks: number[] = [];
        const error = await caught(
          (async () => {
            for await (const chunk of response.body) chunks.push(chunk.length);
          })(),
        );
        expect(chunks).toStrictEqual([5]);
        expect(error.kind).toBe('upstream_timeout');
        expect(error.details.cause).toMatchObject({ code: 'UND_ERR_BODY_TIMEOUT' });
      },
    );
  });

  it('maps a connect (TLS handshake) timeout to upstream_timeout', async () => {
    const sockets: Socket[] = [];
    const silent = createNetServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const client = createHttpClient({ timeouts: { connectMs: 100 } });
    try {
      const error = await caught(
        client.send({ url: `https://127.0.0.1:${port}/`, method: 'GET', headers: {} }),
      );
      expect(error.kind).toBe('upstream_timeout');
      expect(error.message).toContain('timed out connecting after 100 ms');
      expect(error.details.cause).toMatchObject({ code: 'UND_ERR_CONNECT_TIMEOUT' });
    } finally {
      for (const socket of sockets) socket.destroy();
      await client.close();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
