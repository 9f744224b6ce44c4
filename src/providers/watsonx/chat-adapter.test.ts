import { afterEach, describe, expect, it } from 'vitest';
import { Cancellation, defaultTransportTimeouts } from '../../http/index.js';
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
import { IamTokenSource } from './iam-token.js';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const nowSeconds = () => Math.floor(Date.now() / 1000);

function iamReply(request: RecordedRequest, token = 'iam-token-1'): FixtureReply | undefined {
  if (request.url !== '/iam/identity/token') return undefined;
  return {
    body: JSON.stringify({
      access_token: token,
      refresh_token: 'not_supported',
      token_type: 'Bearer',
      expires_in: 3600,
      expiration: nowSeconds() + 3600,
    }),
  };
}

function watsonxAdapter(url: string, scope = 'WATSONX_PROJECT_ID') {
  const provider = resolveProvider('providers:\n  watsonx: {}\n', 'watsonx', {
    WATSONX_API_KEY: 'ibm-api-key-1',
    WATSONX_URL: url,
    WATSONX_IAM_URL: `${url}/iam`,
    [scope]: 'proj-123',
  });
  const adapter = createProviderAdapters(new Map([['watsonx', provider]])).get('watsonx');
  if (!adapter) throw new Error('no adapter');
  return adapter;
}

const completion = {
  id: 'chat-1',
  model_id: 'ibm/granite-3-8b-instruct',
  created: 1_700_000_000,
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hi there' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 },
};

describe('watsonx.ai chat egress', () => {
  it('exchanges the API key at IAM once, then calls the chat API with the bearer token', async () => {
    server = await startFixtureServer((request) => iamReply(request) ?? { body: JSON.stringify(completion) });
    const adapter = watsonxAdapter(server.url);
    const request = chatRequest({
      tools: [{ name: 'lookup', inputSchema: { type: 'object' } }],
      toolChoice: 'required',
      sampling: { maxOutputTokens: 50 },
    });
    const outcome = await attempt(adapter, request, 'ibm/granite-3-8b-instruct');
    await attempt(adapter, chatRequest(), 'ibm/granite-3-8b-instruct');
    const [iam, chat, second] = server.requests;
    expect(iam?.url).toBe('/iam/identity/token');
    expect(iam?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(iam?.text))).toEqual({
      grant_type: 'urn:ibm:params:oauth:grant-type:apikey',
      apikey: 'ibm-api-key-1',
    });
    expect(chat?.url).toBe('/ml/v1/text/chat?version=2025-02-06');
    expect(chat?.headers.authorization).toBe('Bearer iam-token-1');
    const body = JSON.parse(chat?.text ?? '{}');
    expect(body).toMatchObject({
      model_id: 'ibm/granite-3-8b-instruct',
      project_id: 'proj-123',
      max_tokens: 50,
      tool_choice_option: 'required',
      messages: [{ role: 'user', content: 'Hello' }],
    });
    expect(body.model).toBeUndefined();
    expect(body.stream).toBeUndefined();
    // The cached token serves the second call: no second exchange.
    expect(second?.url).toBe('/ml/v1/text/chat?version=2025-02-06');
    expect(server.requests).toHaveLength(3);
    expect(outcome.response.choices[0]?.message.content).toEqual([{ type: 'text', text: 'Hi there' }]);
    expect(outcome.response.model).toBe('ibm/granite-3-8b-instruct');
    expect(outcome.response.usage?.input.total).toBe(9);
  });

  it('streams from chat_stream with a space id and decodes tool-call chunks without [DONE]', async () => {
    const chunk = (delta: unknown, finish: string | null = null, usage?: unknown) => ({
      id: 'chat-2',
      model_id: 'meta-llama/llama-3-3-70b-instruct',
      created: 1_700_000_000,
      choices: [{ index: 0, delta, finish_reason: finish }],
      ...(usage ? { usage } : {}),
    });
    const body = sse([
      ['message', chunk({ role: 'assistant', content: '' })],
      [
        'message',
        chunk({
          tool_calls: [
            {
              index: 0,
              id: 'chatcmpl-tool-1',
              type: 'function',
              function: { name: 'lookup', arguments: '' },
            },
          ],
        }),
      ],
      ['message', chunk({ tool_calls: [{ index: 0, function: { arguments: '{"q":"x"}' } }] })],
      ['message', chunk({}, 'tool_calls', { prompt_tokens: 30, completion_tokens: 8, total_tokens: 38 })],
    ]);
    server = await startFixtureServer(
      (request) => iamReply(request) ?? { headers: { 'content-type': 'text/event-stream' }, body },
    );
    const adapter = watsonxAdapter(server.url, 'WATSONX_SPACE_ID');
    const outcome = await attempt(
      adapter,
      chatRequest({ stream: true }),
      'meta-llama/llama-3-3-70b-instruct',
    );
    const chat = server.requests[1];
    expect(chat?.url).toBe('/ml/v1/text/chat_stream?version=2025-02-06');
    expect(JSON.parse(chat?.text ?? '{}')).toMatchObject({ space_id: 'proj-123' });
    if (outcome.kind !== 'stream') throw new Error('expected a stream');
    expect(outcome.events.some((event) => event.type === 'warning')).toBe(false);
    expect(outcome.response.choices[0]?.message.content).toEqual([
      { type: 'tool-call', callId: 'chatcmpl-tool-1', toolName: 'lookup', argumentsJson: '{"q":"x"}' },
    ]);
    expect(outcome.response.choices[0]?.finish.unified).toBe('tool-calls');
    expect(outcome.response.usage?.output.total).toBe(8);
  });

  it('maps a refused API key to upstream_auth without calling the chat API', async () => {
    server = await startFixtureServer(() => ({
      status: 400,
      body: JSON.stringify({ errorCode: 'BXNIM0415E', errorMessage: 'Provided API key could not be found.' }),
    }));
    const error = await attemptError(watsonxAdapter(server.url), chatRequest(), 'ibm/granite');
    expect(error.kind).toBe('upstream_auth');
    expect(error.message).toContain('API key could not be found');
    expect(error.message).not.toContain('ibm-api-key-1');
    expect(server.requests).toHaveLength(1);
  });

  it('maps watsonx error envelopes by status', async () => {
    server = await startFixtureServer(
      (request) =>
        iamReply(request) ?? {
          status: 404,
          body: JSON.stringify({
            errors: [{ code: 'model_not_supported', message: 'Model foo is not supported' }],
            trace: 't-1',
            status_code: 404,
          }),
        },
    );
    const error = await attemptError(watsonxAdapter(server.url), chatRequest(), 'foo');
    expect(error.kind).toBe('upstream_unavailable');
    expect(error.details.code).toBe('model_not_supported');
  });
});

describe('IamTokenSource', () => {
  it('renews the token shortly before it expires, and shares one exchange between concurrent callers', async () => {
    let clock = Date.now();
    let issued = 0;
    server = await startFixtureServer((request) => {
      issued += 1;
      return iamReply(request, `token-${issued}`) ?? { status: 404, body: '' };
    });
    const source = new IamTokenSource(
      `${server.url}/iam`,
      'key',
      defaultTransportTimeouts,
      'watsonx',
      () => clock,
    );
    const signal = new Cancellation();
    const [a, b] = await Promise.all([source.token(signal), source.token(signal)]);
    expect([a, b]).toEqual(['token-1', 'token-1']);
    clock += 50 * 60_000;
    expect(await source.token(signal)).toBe('token-1');
    clock += 6 * 60_000; // 56 minutes in: within five minutes of expiry
    expect(await source.token(signal)).toBe('token-2');
    expect(issued).toBe(2);
  });
});
