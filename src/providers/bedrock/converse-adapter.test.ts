import { afterEach, describe, expect, it } from 'vitest';
import {
  attempt,
  attemptError,
  chatRequest,
  type FixtureReply,
  type FixtureServer,
  type RecordedRequest,
  resolveProvider,
  startFixtureServer,
} from '../adapter-test-kit.js';
import { createProviderAdapters } from '../registry.js';
import { converseEvent, converseException } from './event-stream-frames.js';

let server: FixtureServer | undefined;

/** The SDK's Bedrock client speaks HTTP/2 only (cleartext here, TLS with ALPN in production). */
function startH2FixtureServer(reply: (request: RecordedRequest) => FixtureReply): Promise<FixtureServer> {
  return startFixtureServer(reply, { http2: true });
}
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const awsEnv = {
  AWS_REGION: 'us-west-2',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};

function bedrockAdapter(baseUrl: string, env: Record<string, string> = awsEnv) {
  const provider = resolveProvider(`providers:\n  bedrock:\n    baseUrl: ${baseUrl}\n`, 'bedrock', env);
  const adapter = createProviderAdapters(new Map([['bedrock', provider]])).get('bedrock');
  if (!adapter) throw new Error('no adapter');
  return adapter;
}

const model = 'anthropic.claude-3-5-haiku-20241022-v1:0';
const eventStream = { 'content-type': 'application/vnd.amazon.eventstream' };

describe('AWS Bedrock Converse egress (through the AWS SDK)', () => {
  it('signs with SigV4 and maps system, images, tool use and results, tool config and inference config', async () => {
    server = await startH2FixtureServer(() => ({
      body: JSON.stringify({
        output: {
          message: {
            role: 'assistant',
            content: [
              { text: 'Let me check.' },
              { toolUse: { toolUseId: 'tooluse_2', name: 'get_weather', input: { city: 'Lyon' } } },
            ],
          },
        },
        stopReason: 'tool_use',
        usage: {
          inputTokens: 30,
          outputTokens: 12,
          totalTokens: 42,
          cacheReadInputTokens: 8,
          cacheWriteInputTokens: 2,
        },
        metrics: { latencyMs: 100 },
      }),
    }));
    const request = chatRequest({
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Be terse.' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather here?' },
            { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'aGVsbG8=' } },
          ],
        },
        {
          role: 'assistant',
          content: [
            {
              type: 'tool-call',
              callId: 'tooluse_1',
              toolName: 'get_weather',
              argumentsJson: '{"city":"Paris"}',
            },
          ],
        },
        {
          role: 'tool',
          content: [{ type: 'tool-result', callId: 'tooluse_1', content: [{ type: 'text', text: '21 C' }] }],
        },
        { role: 'user', content: [{ type: 'text', text: 'And Lyon?' }] },
      ],
      tools: [
        {
          name: 'get_weather',
          description: 'Weather',
          inputSchema: { type: 'object', properties: { city: { type: 'string' } } },
        },
      ],
      toolChoice: 'required',
      sampling: { maxOutputTokens: 512, temperature: 0.5, topP: 0.9, stopSequences: ['END'] },
    });
    const outcome = await attempt(bedrockAdapter(server.url), request, model);
    const sent = server.requests[0];
    expect(sent?.method).toBe('POST');
    expect(sent?.url).toBe(`/model/${encodeURIComponent(model)}/converse`);
    expect(sent?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-west-2\/bedrock\/aws4_request, SignedHeaders=[a-z0-9:;-]*x-amz-date[a-z0-9;-]*, Signature=[0-9a-f]{64}$/,
    );
    expect(sent?.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(JSON.parse(sent?.text ?? '{}')).toEqual({
      system: [{ text: 'Be terse.' }],
      messages: [
        {
          role: 'user',
          content: [{ text: 'Weather here?' }, { image: { format: 'png', source: { bytes: 'aGVsbG8=' } } }],
        },
        {
          role: 'assistant',
          content: [{ toolUse: { toolUseId: 'tooluse_1', name: 'get_weather', input: { city: 'Paris' } } }],
        },
        {
          role: 'user',
          content: [
            { toolResult: { toolUseId: 'tooluse_1', content: [{ text: '21 C' }] } },
            { text: 'And Lyon?' },
          ],
        },
      ],
      inferenceConfig: { maxTokens: 512, temperature: 0.5, topP: 0.9, stopSequences: ['END'] },
      toolConfig: {
        tools: [
          {
            toolSpec: {
              name: 'get_weather',
              description: 'Weather',
              inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } } } },
            },
          },
        ],
        toolChoice: { any: {} },
      },
    });
    const choice = outcome.response.choices[0];
    expect(choice?.finish).toEqual({ unified: 'tool-calls', raw: 'tool_use' });
    expect(choice?.message.content).toEqual([
      { type: 'text', text: 'Let me check.' },
      { type: 'tool-call', callId: 'tooluse_2', toolName: 'get_weather', argumentsJson: '{"city":"Lyon"}' },
    ]);
    expect(outcome.response.usage?.input).toEqual({ total: 40, cacheRead: 8, cacheWrite: 2 });
    expect(outcome.response.usage?.output.total).toBe(12);
  });

  it('decodes a framed ConverseStream: text without a start event, a tool call, stop reason, then usage', async () => {
    const body = [
      converseEvent('messageStart', { role: 'assistant' }),
      converseEvent('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Sure' }, p: 'abc' }),
      converseEvent('contentBlockDelta', { contentBlockIndex: 0, delta: { text: ', checking.' } }),
      converseEvent('contentBlockStop', { contentBlockIndex: 0 }),
      converseEvent('contentBlockStart', {
        contentBlockIndex: 1,
        start: { toolUse: { toolUseId: 'tooluse_9', name: 'get_weather' } },
      }),
      converseEvent('contentBlockDelta', { contentBlockIndex: 1, delta: { toolUse: { input: '{"city":' } } }),
      converseEvent('contentBlockDelta', { contentBlockIndex: 1, delta: { toolUse: { input: '"Nice"}' } } }),
      converseEvent('contentBlockStop', { contentBlockIndex: 1 }),
      converseEvent('messageStop', { stopReason: 'tool_use' }),
      converseEvent('metadata', {
        usage: { inputTokens: 20, outputTokens: 15, totalTokens: 35 },
        metrics: { latencyMs: 300 },
      }),
    ];
    server = await startH2FixtureServer(() => ({ headers: eventStream, body }));
    const outcome = await attempt(bedrockAdapter(server.url), chatRequest({ stream: true }), model);
    const sent = server.requests[0];
    expect(sent?.url).toBe(`/model/${encodeURIComponent(model)}/converse-stream`);
    expect(sent?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\//);
    if (outcome.kind !== 'stream') throw new Error('expected a stream');
    expect(outcome.response.choices[0]?.message.content).toEqual([
      { type: 'text', text: 'Sure, checking.' },
      { type: 'tool-call', callId: 'tooluse_9', toolName: 'get_weather', argumentsJson: '{"city":"Nice"}' },
    ]);
    expect(outcome.response.choices[0]?.finish.unified).toBe('tool-calls');
    expect(outcome.response.usage?.input.total).toBe(20);
    expect(outcome.events.at(-1)?.type).toBe('usage');
  });

  it('ends a stream with the mapped error when Bedrock sends an exception after content', async () => {
    const body = [
      converseEvent('messageStart', { role: 'assistant' }),
      converseEvent('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Partial' } }),
      converseException('throttlingException', 'Too many tokens, please wait before trying again.'),
    ];
    server = await startH2FixtureServer(() => ({ headers: eventStream, body }));
    await expect(
      attempt(bedrockAdapter(server.url), chatRequest({ stream: true }), model),
    ).rejects.toMatchObject({
      kind: 'upstream_rate_limited',
    });
  });

  it.each([
    [400, 'ValidationException', 'The provided model identifier is invalid.', 'upstream_bad_request'],
    [403, 'AccessDeniedException', 'You do not have access to the model.', 'upstream_auth'],
    [
      429,
      'ThrottlingException',
      'Too many requests, please wait before trying again.',
      'upstream_rate_limited',
    ],
    [503, 'ServiceUnavailableException', 'Service unavailable.', 'upstream_overloaded'],
  ])('maps HTTP %i %s to %s', async (status, type, message, kind) => {
    server = await startH2FixtureServer(() => ({
      status,
      headers: {
        'content-type': 'application/json',
        'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
      },
      body: JSON.stringify({ message }),
    }));
    const error = await attemptError(bedrockAdapter(server.url), chatRequest(), model);
    expect(error.kind).toBe(kind);
    expect(error.message).toContain(message);
    expect(error.details.code).toBe(type);
  });

  it('aborts the SDK request when the time to first token passes', async () => {
    let closed = false;
    server = await startH2FixtureServer(() => ({ delayMs: 5000, body: '{}' }));
    server.server.on('stream', (stream: { on(event: 'close', listener: () => void): void }) =>
      stream.on('close', () => {
        closed = true;
      }),
    );
    const started = performance.now();
    await expect(
      attempt(bedrockAdapter(server.url), chatRequest(), model, { ttftMs: 150 }),
    ).rejects.toMatchObject({
      kind: 'upstream_timeout',
    });
    expect(performance.now() - started).toBeLessThan(2000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(true);
  });

  it('refuses a strict request it cannot honour before anything is sent', async () => {
    server = await startH2FixtureServer(() => ({ body: '{}' }));
    const error = await attemptError(
      bedrockAdapter(server.url),
      chatRequest({ strict: true, sampling: { seed: 7 } }),
      model,
    );
    expect(error.kind).toBe('invalid_request');
    expect(error.message).toContain('seed');
    expect(server.requests).toHaveLength(0);
  });

  it('sends a Bedrock API key as a bearer token instead of a signature', async () => {
    server = await startH2FixtureServer(() => ({
      body: JSON.stringify({
        output: { message: { role: 'assistant', content: [{ text: 'ok' }] } },
        stopReason: 'end_turn',
        usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
      }),
    }));
    await attempt(
      bedrockAdapter(server.url, {
        AWS_REGION: 'eu-central-1',
        AWS_BEARER_TOKEN_BEDROCK: 'bedrock-api-key-1',
      }),
      chatRequest(),
      model,
    );
    expect(server.requests[0]?.headers.authorization).toBe('Bearer bedrock-api-key-1');
  });
});
