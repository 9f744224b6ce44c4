// Helpers for the adapters' wire-format tests (not part of the gateway): a recording upstream on
// 127.0.0.1, providers resolved from YAML like the gateway does, and one real attempt through
// `runAttempt` with the gateway's HTTP client.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  createServer as createHttp2Server,
  type Http2ServerRequest,
  type Http2ServerResponse,
} from 'node:http2';
import type { AddressInfo, Socket } from 'node:net';
import {
  type CanonEvent,
  type CanonRequest,
  type CanonResponse,
  collectEvents,
  GatewayError,
} from '../canon/index.js';
import type { ResolvedProvider } from '../config/index.js';
import { resolveYaml } from '../config/test-helpers.js';
import { Cancellation, createHttpClient } from '../http/index.js';
import { startTestServer, type TestServer } from '../http/test-server.js';
import { runAttempt } from '../routing/run-attempt.js';
import type { Environment } from './presets/types.js';
import type { ProviderAdapter } from './provider.js';

/** One request the fixture upstream received. */
export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingMessage['headers'];
  text: string;
}

/** What the fixture upstream answers: a status, headers and a body sent in the given chunks. */
export interface FixtureReply {
  status?: number;
  headers?: Record<string, string>;
  body: string | Buffer | Array<string | Buffer>;
  /** Wait this long before answering (for timeout tests); the answer is dropped if the client left. */
  delayMs?: number;
}

/** What both HTTP/1.1 and HTTP/2 compatibility responses offer. */
interface ReplyTarget {
  writeHead(status: number, headers: Record<string, string>): unknown;
  write(chunk: string | Buffer): unknown;
  end(): unknown;
}

/** A local upstream that records every request and answers from `reply`. */
export interface FixtureServer extends TestServer {
  requests: RecordedRequest[];
}

export async function startFixtureServer(
  reply: (request: RecordedRequest) => FixtureReply,
  options: { http2?: boolean } = {},
): Promise<FixtureServer> {
  const requests: RecordedRequest[] = [];
  const handler = (
    request: IncomingMessage | Http2ServerRequest,
    response: ServerResponse | Http2ServerResponse,
  ) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const recorded: RecordedRequest = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        text: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const answer = reply(recorded);
      const target: ReplyTarget = response;
      if (answer.delayMs !== undefined) {
        const timer = setTimeout(() => send(target, answer), answer.delayMs);
        response.on('close', () => clearTimeout(timer));
        return;
      }
      send(target, answer);
    });
  };
  if (options.http2) return Object.assign(await startHttp2Server(handler), { requests });
  const server = await startTestServer(handler);
  return Object.assign(server, { requests });
}

function send(target: ReplyTarget, answer: FixtureReply): void {
  target.writeHead(answer.status ?? 200, answer.headers ?? { 'content-type': 'application/json' });
  const parts = Array.isArray(answer.body) ? answer.body : [answer.body];
  for (const part of parts) target.write(part);
  target.end();
}

/** Cleartext HTTP/2 (h2c) on 127.0.0.1, for clients that speak only HTTP/2 (the AWS SDK's Bedrock client). */
async function startHttp2Server(
  handler: (request: Http2ServerRequest, response: Http2ServerResponse) => void,
): Promise<TestServer> {
  const server = createHttp2Server(handler);
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let accepted = 0;
  server.on('connection', () => {
    accepted += 1;
  });
  return {
    server: server as unknown as TestServer['server'],
    url: `http://127.0.0.1:${port}`,
    connections: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The provider `name` as the gateway resolves it from `yaml` and `env`. */
export function resolveProvider(yaml: string, name: string, env: Environment = {}): ResolvedProvider {
  const provider = resolveYaml(yaml, { env }).providers.get(name);
  if (!provider) throw new Error(`provider ${name} did not resolve`);
  return provider;
}

/** A minimal request in the hub's terms. */
export function chatRequest(overrides: Partial<CanonRequest> = {}): CanonRequest {
  return {
    model: 'test',
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
    sampling: {},
    stream: false,
    streamUsage: true,
    vendor: {},
    ...overrides,
  };
}

/** What one attempt produced: the response of a JSON call, or every event of a stream. */
export type AttemptOutcome =
  | { kind: 'response'; response: CanonResponse }
  | { kind: 'stream'; events: CanonEvent[]; response: CanonResponse };

/** Sends `request` to `model` through `adapter` exactly as the router does, and collects the answer. */
export async function attempt(
  adapter: ProviderAdapter,
  request: CanonRequest,
  model: string,
  options: { ttftMs?: number; idleMs?: number; signal?: Cancellation } = {},
): Promise<AttemptOutcome> {
  const http = createHttpClient();
  try {
    const success = await runAttempt({
      request,
      adapter,
      http,
      signal: options.signal ?? new Cancellation(),
      timeouts: { ttftMs: options.ttftMs ?? 5000, idleMs: options.idleMs ?? 5000, totalMs: 10_000 },
      target: {
        provider: adapter.name,
        model,
        weight: 1,
        deployment: `${adapter.name}/${model}`,
        facts: {
          id: `${adapter.name}/${model}`,
          provider: adapter.name,
          model,
          providerType: adapter.type,
          selfHosted: false,
          capabilities: { tools: true, vision: true, jsonSchema: true, reasoning: false },
          contextWindow: undefined,
          inputPrice: null,
          outputPrice: null,
          quality: undefined,
          continuation: false,
          embeddingOnly: false,
          endpoints: undefined,
        },
      },
    });
    if (success.kind === 'response') return { kind: 'response', response: success.response };
    const events: CanonEvent[] = [];
    for await (const event of success.events) events.push(event);
    return {
      kind: 'stream',
      events,
      response: collectEvents(events, { id: adapter.name, model }),
    };
  } finally {
    await http.close();
  }
}

/** The GatewayError an attempt fails with; fails the test when it succeeds. */
export async function attemptError(
  adapter: ProviderAdapter,
  request: CanonRequest,
  model: string,
): Promise<GatewayError> {
  try {
    await attempt(adapter, request, model);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('the attempt succeeded');
}

/** Server-sent events text from `[event, data]` pairs (`event` may be empty). */
export function sse(events: Array<[string, unknown]>): string {
  return events
    .map(
      ([event, data]) =>
        `${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`,
    )
    .join('');
}
