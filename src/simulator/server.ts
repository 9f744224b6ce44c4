import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { routeAnthropic } from './anthropic-routes.js';
import { keyError } from './auth.js';
import type { SimulatorContext } from './context.js';
import { handleControl } from './control.js';
import { invalidRequest } from './errors.js';
import { Exchange } from './exchange.js';
import { FaultState } from './faults.js';
import { routeGemini } from './gemini-routes.js';
import { LruCache } from './lru.js';
import { recordRawBody } from './model-request.js';
import { routeOpenAi } from './openai-routes.js';
import { protocolOf } from './protocol.js';
import { Recorder } from './recorder.js';
import type { Simulator, SimulatorOptions } from './types.js';

const MAX_BODY_BYTES = 32 * 1024 * 1024;
/** Other providers' key headers, redacted like authorization in case a gateway sends them here. */
const SECRET_HEADERS = ['api-key', 'x-api-key', 'x-goog-api-key'];

/** Starts the provider simulator; see README.md in this folder for the model-name directives. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const recorder = new Recorder(options.maxRecords ?? 10_000);
  const faults = new FaultState();
  const context: SimulatorContext = {
    recorder,
    faults,
    chatCache: new LruCache(256),
    anthropicCache: new LruCache(256),
    geminiCache: new LruCache(256),
    requireApiKey: options.requireApiKey,
    defaultDelayMs: options.defaultDelayMs ?? 0,
  };
  const server = createServer((request, response) => route(request, response, context));
  server.keepAliveTimeout = 65_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    records: () => recorder.list(),
    recordsFor: (model) => recorder.list().filter((record) => record.model === model),
    clearRecords: () => recorder.clear(),
    reset: () => {
      recorder.clear();
      faults.clear();
    },
    waitFor: (predicate, timeoutMs) => recorder.waitFor(predicate, timeoutMs),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Silent and stalled answers hold their connections open forever; drop them.
        server.closeAllConnections();
      }),
  };
}

function route(request: IncomingMessage, response: ServerResponse, context: SimulatorContext): void {
  const url = request.url ?? '/';
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  if (path.startsWith('/_sim/')) {
    handleControl(request, response, path, context);
    return;
  }
  const method = request.method ?? 'GET';
  const protocol = protocolOf(method, path, request.headers);
  const record = context.recorder.create(method, path, recordedHeaders(request), protocol);
  const exchange = new Exchange(request, response, record, context.recorder);
  readBody(request, (raw, bytes) => {
    exchange.bodyBytes = bytes;
    if (raw === undefined) {
      exchange.sendError({ ...invalidRequest('Request body too large.'), status: 413 });
      return;
    }
    if (exchange.closed) return;
    try {
      dispatch(exchange, method, path, raw, context);
    } catch (error) {
      // A simulator bug must surface as a 500 in the test that hit it, not crash the test process.
      if (exchange.record.respondedAt === undefined) {
        exchange.sendError({
          status: 500,
          message: `Simulator failure: ${String(error)}`,
          type: 'server_error',
          param: null,
          code: null,
        });
      } else {
        exchange.destroy();
      }
    }
  });
}

function dispatch(exchange: Exchange, method: string, path: string, raw: string, context: SimulatorContext) {
  const rejected = keyError(exchange, context.requireApiKey);
  if (rejected !== undefined) {
    recordRawBody(exchange.record, raw);
    exchange.sendError(rejected);
    return;
  }
  switch (exchange.record.protocol) {
    case 'anthropic':
      routeAnthropic(exchange, method, withoutPrefix(path, '/v1'), raw, context);
      return;
    case 'gemini':
      routeGemini(exchange, method, withoutPrefix(withoutPrefix(path, '/v1beta'), '/v1'), raw, context);
      return;
    default:
      routeOpenAi(exchange, method, withoutPrefix(path, '/v1'), raw, context);
  }
}

/** Removes an API-version prefix; the prefixes are optional, as they are on the OpenAI side. */
function withoutPrefix(path: string, prefix: string): string {
  return path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : path;
}

function recordedHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  if (headers.authorization !== undefined) {
    headers.authorization = `Bearer ***${headers.authorization.slice(-4)}`;
  }
  for (const name of SECRET_HEADERS) {
    const value = headers[name];
    if (value !== undefined) headers[name] = `***${value.slice(-4)}`;
  }
  return headers;
}

/**
 * Collects the body as text (and as bytes, for multipart uploads); calls back with undefined when it
 * exceeds the size limit.
 */
function readBody(request: IncomingMessage, done: (raw: string | undefined, bytes: Buffer) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  // A client that leaves mid-body makes the request emit an error; the response's close handler records it.
  request.on('error', () => {});
  request.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) tooLarge = true;
    else chunks.push(chunk);
  });
  request.on('end', () => {
    const bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
    if (tooLarge) done(undefined, Buffer.alloc(0));
    else done(bytes.toString('utf8'), bytes);
  });
}
