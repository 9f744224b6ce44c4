import { generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  attempt,
  attemptError,
  chatRequest,
  type FixtureReply,
  type FixtureServer,
  type RecordedRequest,
  resolveProvider,
  sse,
  startFixtureServer,
} from '../adapter-test-kit.js';
import { createProviderAdapters } from '../registry.js';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const directory = mkdtempSync(join(tmpdir(), 'switchyard-vertex-'));

/** A service-account key file whose token_uri points at the fixture server. */
function writeKeyFile(tokenUri: string): string {
  const path = join(directory, `key-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(
    path,
    JSON.stringify({
      type: 'service_account',
      project_id: 'p1',
      private_key_id: 'kid-1',
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
      client_email: 'gateway@p1.iam.gserviceaccount.com',
      client_id: '1',
      token_uri: tokenUri,
    }),
  );
  return path;
}

let tokenRequests = 0;
beforeAll(() => {
  tokenRequests = 0;
});

/** Plays Google's token endpoint: checks the JWT-bearer grant and its RS256 signature. */
function tokenReply(request: RecordedRequest, expiresIn = 3600): FixtureReply | undefined {
  if (request.url !== '/token') return undefined;
  tokenRequests += 1;
  const form = new URLSearchParams(request.text);
  const assertion = form.get('assertion') ?? '';
  const [header = '', payload = '', signature = ''] = assertion.split('.');
  const valid = verify(
    'RSA-SHA256',
    Buffer.from(`${header}.${payload}`),
    publicKey,
    Buffer.from(signature, 'base64url'),
  );
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  const expected =
    form.get('grant_type') === 'urn:ietf:params:oauth:grant-type:jwt-bearer' &&
    valid &&
    JSON.parse(Buffer.from(header, 'base64url').toString('utf8')).alg === 'RS256' &&
    claims.iss === 'gateway@p1.iam.gserviceaccount.com' &&
    claims.scope === 'https://www.googleapis.com/auth/cloud-platform' &&
    typeof claims.exp === 'number';
  // A mismatch answers like Google does, so the adapter's error mapping (and the test) sees it.
  if (!expected) {
    return {
      status: 400,
      body: JSON.stringify({ error: 'invalid_grant', error_description: 'bad assertion' }),
    };
  }
  return {
    body: JSON.stringify({
      access_token: `ya29.test-token-${tokenRequests}`,
      expires_in: expiresIn,
      token_type: 'Bearer',
    }),
  };
}

function vertexAdapter(baseUrl: string, keyFile: string) {
  const provider = resolveProvider(`providers:\n  vertex:\n    baseUrl: ${baseUrl}\n`, 'vertex', {
    GOOGLE_APPLICATION_CREDENTIALS: keyFile,
    VERTEX_PROJECT: 'p1',
    VERTEX_LOCATION: 'europe-west4',
  });
  const adapter = createProviderAdapters(new Map([['vertex', provider]])).get('vertex');
  if (!adapter) throw new Error('no adapter');
  return adapter;
}

const modelPath = '/v1/projects/p1/locations/europe-west4/publishers';

describe('Vertex AI egress', () => {
  it('calls Gemini models with a service-account token that is cached across requests', async () => {
    server = await startFixtureServer(
      (request) =>
        tokenReply(request) ?? {
          body: JSON.stringify({
            candidates: [{ content: { role: 'model', parts: [{ text: 'Hallo' }] }, finishReason: 'STOP' }],
            usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 2, totalTokenCount: 7 },
            modelVersion: 'gemini-2.5-flash',
          }),
        },
    );
    const before = tokenRequests;
    const adapter = vertexAdapter(server.url, writeKeyFile(`${server.url}/token`));
    const outcome = await attempt(
      adapter,
      chatRequest({ sampling: { temperature: 0.3 } }),
      'gemini-2.5-flash',
    );
    await attempt(adapter, chatRequest(), 'gemini-2.5-flash');
    const calls = server.requests.filter((request) => request.url !== '/token');
    expect(tokenRequests - before).toBe(1);
    expect(calls[0]?.url).toBe(`${modelPath}/google/models/gemini-2.5-flash:generateContent`);
    expect(calls[0]?.headers.authorization).toMatch(/^Bearer ya29\.test-token-\d+$/);
    expect(calls[1]?.headers.authorization).toBe(calls[0]?.headers.authorization);
    expect(JSON.parse(calls[0]?.text ?? '{}')).toMatchObject({
      contents: [{ role: 'user', parts: [{ text: 'Hello' }] }],
      generationConfig: { temperature: 0.3 },
    });
    expect(outcome.response.choices[0]?.message.content).toEqual([{ type: 'text', text: 'Hallo' }]);
    expect(outcome.response.usage?.output.total).toBe(2);
  });

  it('streams Anthropic models through streamRawPredict with anthropic_version and no model in the body', async () => {
    const body = sse([
      [
        'message_start',
        {
          type: 'message_start',
          message: {
            id: 'msg_1',
            type: 'message',
            role: 'assistant',
            model: 'claude-sonnet-4',
            content: [],
            stop_reason: null,
            usage: { input_tokens: 12, output_tokens: 1, cache_read_input_tokens: 4 },
          },
        },
      ],
      [
        'content_block_start',
        {
          type: 'content_block_start',
          index: 0,
          content_block: { type: 'tool_use', id: 'toolu_1', name: 'lookup', input: {} },
        },
      ],
      [
        'content_block_delta',
        { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"q":' } },
      ],
      [
        'content_block_delta',
        {
          type: 'content_block_delta',
          index: 0,
          delta: { type: 'input_json_delta', partial_json: '"vertex"}' },
        },
      ],
      ['content_block_stop', { type: 'content_block_stop', index: 0 }],
      [
        'message_delta',
        { type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 9 } },
      ],
      ['message_stop', { type: 'message_stop' }],
    ]);
    server = await startFixtureServer(
      (request) => tokenReply(request) ?? { headers: { 'content-type': 'text/event-stream' }, body },
    );
    const adapter = vertexAdapter(server.url, writeKeyFile(`${server.url}/token`));
    const request = chatRequest({
      stream: true,
      tools: [{ name: 'lookup', inputSchema: { type: 'object' } }],
    });
    const outcome = await attempt(adapter, request, 'claude-sonnet-4@20250514');
    const call = server.requests.find((each) => each.url !== '/token');
    expect(call?.url).toBe(`${modelPath}/anthropic/models/claude-sonnet-4@20250514:streamRawPredict`);
    const sent = JSON.parse(call?.text ?? '{}');
    expect(sent.anthropic_version).toBe('vertex-2023-10-16');
    expect(sent.model).toBeUndefined();
    expect(sent.stream).toBe(true);
    expect(sent.max_tokens).toBeGreaterThan(0);
    expect(outcome.response.choices[0]?.message.content).toEqual([
      { type: 'tool-call', callId: 'toolu_1', toolName: 'lookup', argumentsJson: '{"q":"vertex"}' },
    ]);
    expect(outcome.response.choices[0]?.finish.unified).toBe('tool-calls');
    expect(outcome.response.usage?.input.cacheRead).toBe(4);
  });

  it('calls rawPredict for a non-streamed Anthropic request', async () => {
    server = await startFixtureServer(
      (request) =>
        tokenReply(request) ?? {
          body: JSON.stringify({
            id: 'msg_2',
            type: 'message',
            role: 'assistant',
            model: 'claude-3-5-haiku',
            content: [{ type: 'text', text: 'Bonjour' }],
            stop_reason: 'end_turn',
            usage: { input_tokens: 3, output_tokens: 2 },
          }),
        },
    );
    const outcome = await attempt(
      vertexAdapter(server.url, writeKeyFile(`${server.url}/token`)),
      chatRequest(),
      'claude-3-5-haiku@20241022',
    );
    expect(server.requests.at(-1)?.url).toBe(
      `${modelPath}/anthropic/models/claude-3-5-haiku@20241022:rawPredict`,
    );
    expect(outcome.response.choices[0]?.message.content).toEqual([{ type: 'text', text: 'Bonjour' }]);
  });

  it("maps Vertex's Google error envelope and a refused token grant to gateway kinds", async () => {
    server = await startFixtureServer(
      (request) =>
        tokenReply(request) ?? {
          status: 429,
          body: JSON.stringify({
            error: { code: 429, message: 'Quota exceeded for aiplatform', status: 'RESOURCE_EXHAUSTED' },
          }),
        },
    );
    const quota = await attemptError(
      vertexAdapter(server.url, writeKeyFile(`${server.url}/token`)),
      chatRequest(),
      'claude-sonnet-4@20250514',
    );
    expect(quota.kind).toBe('upstream_rate_limited');
    await server.close();
    server = await startFixtureServer(() => ({
      status: 400,
      body: JSON.stringify({ error: 'invalid_grant', error_description: 'Invalid JWT Signature.' }),
    }));
    const refused = await attemptError(
      vertexAdapter(server.url, writeKeyFile(`${server.url}/token`)),
      chatRequest(),
      'gemini-2.5-flash',
    );
    expect(refused.kind).toBe('upstream_auth');
    expect(refused.message).not.toContain('PRIVATE KEY');
    expect(server.requests.every((request) => request.url === '/token')).toBe(true);
  });

  it('renews a token that expires within five minutes before using it again', async () => {
    server = await startFixtureServer(
      (request) =>
        tokenReply(request, 120) ?? {
          body: JSON.stringify({
            candidates: [{ content: { role: 'model', parts: [{ text: 'ok' }] }, finishReason: 'STOP' }],
          }),
        },
    );
    const adapter = vertexAdapter(server.url, writeKeyFile(`${server.url}/token`));
    await attempt(adapter, chatRequest(), 'gemini-2.5-flash');
    await attempt(adapter, chatRequest(), 'gemini-2.5-flash');
    const urls = server.requests.map((request) => request.url);
    expect(urls.filter((url) => url === '/token')).toHaveLength(2);
    const calls = server.requests.filter((request) => request.url !== '/token');
    expect(calls[0]?.headers.authorization).not.toBe(calls[1]?.headers.authorization);
  });

  it('reports an unreadable key file as upstream_auth', async () => {
    server = await startFixtureServer(() => ({ body: '{}' }));
    const error = await attemptError(
      vertexAdapter(server.url, join(directory, 'missing.json')),
      chatRequest(),
      'gemini-2.5-flash',
    );
    expect(error.kind).toBe('upstream_auth');
    expect(error.message).toContain('missing.json');
    expect(server.requests).toHaveLength(0);
  });
});
