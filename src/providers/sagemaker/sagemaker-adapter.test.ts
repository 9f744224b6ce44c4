import { afterEach, describe, expect, it } from 'vitest';
import {
  attempt,
  attemptError,
  chatRequest,
  type FixtureServer,
  resolveProvider,
  sse,
  startFixtureServer,
} from '../adapter-test-kit.js';
import { encodeEventStreamMessage } from '../bedrock/event-stream-frames.js';
import { createProviderAdapters } from '../registry.js';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function sageMakerAdapter(baseUrl: string) {
  const provider = resolveProvider(
    `providers:\n  sm:\n    type: sagemaker\n    baseUrl: ${baseUrl}\n    region: eu-west-1\n    accessKeyId: AKIDSM\n    secretAccessKey: sm-secret\n`,
    'sm',
  );
  const adapter = createProviderAdapters(new Map([['sm', provider]])).get('sm');
  if (!adapter) throw new Error('no adapter');
  return adapter;
}

/** The container's SSE bytes, split across PayloadPart frames at arbitrary points. */
function payloadParts(text: string, size: number): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  const frames: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += size) {
    frames.push(
      encodeEventStreamMessage(
        {
          ':message-type': 'event',
          ':event-type': 'PayloadPart',
          ':content-type': 'application/octet-stream',
        },
        bytes.subarray(offset, offset + size),
      ),
    );
  }
  return frames;
}

describe('SageMaker egress (OpenAI-compatible containers, through the AWS SDK)', () => {
  it('invokes the endpoint with a SigV4-signed OpenAI chat body without a model field', async () => {
    server = await startFixtureServer(() => ({
      body: JSON.stringify({
        id: 'chatcmpl-sm',
        object: 'chat.completion',
        created: 1,
        model: 'lmi',
        choices: [
          { index: 0, message: { role: 'assistant', content: 'From SageMaker' }, finish_reason: 'stop' },
        ],
        usage: { prompt_tokens: 4, completion_tokens: 2, total_tokens: 6 },
      }),
    }));
    const outcome = await attempt(
      sageMakerAdapter(server.url),
      chatRequest({ sampling: { maxOutputTokens: 20 } }),
      'my-llama-endpoint',
    );
    const sent = server.requests[0];
    expect(sent?.url).toBe('/endpoints/my-llama-endpoint/invocations');
    expect(sent?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDSM\/\d{8}\/eu-west-1\/sagemaker\/aws4_request, /,
    );
    expect(sent?.headers['content-type']).toBe('application/json');
    const body = JSON.parse(sent?.text ?? '{}');
    expect(body).toEqual({ messages: [{ role: 'user', content: 'Hello' }], max_tokens: 20 });
    expect(outcome.response.choices[0]?.message.content).toEqual([{ type: 'text', text: 'From SageMaker' }]);
    expect(outcome.response.usage?.output.total).toBe(2);
  });

  it('re-parses the SSE bytes carried in PayloadPart frames', async () => {
    const chunk = (delta: unknown, finish: string | null = null) => ({
      id: 'c',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'lmi',
      choices: [{ index: 0, delta, finish_reason: finish }],
    });
    const text = sse([
      ['', chunk({ role: 'assistant', content: 'Stream' })],
      ['', chunk({ content: 'ed reply' })],
      ['', chunk({}, 'stop')],
      ['', { ...chunk({}), choices: [], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } }],
      ['', '[DONE]'],
    ]);
    server = await startFixtureServer(() => ({
      headers: { 'content-type': 'application/vnd.amazon.eventstream' },
      body: payloadParts(text, 37),
    }));
    const outcome = await attempt(sageMakerAdapter(server.url), chatRequest({ stream: true }), 'ep');
    expect(server.requests[0]?.url).toBe('/endpoints/ep/invocations-response-stream');
    expect(JSON.parse(server.requests[0]?.text ?? '{}')).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(outcome.response.choices[0]?.message.content).toEqual([{ type: 'text', text: 'Streamed reply' }]);
    expect(outcome.response.usage?.input.total).toBe(3);
  });

  it("reads a container's own error out of SageMaker's ModelError", async () => {
    server = await startFixtureServer(() => ({
      status: 424,
      headers: {
        'content-type': 'application/json',
        'x-amzn-errortype': 'ModelError:http://internal.amazon.com/coral/com.amazon.sagemaker/',
      },
      body: JSON.stringify({
        ErrorCode: 'CLIENT_ERROR_FROM_MODEL',
        OriginalStatusCode: 400,
        OriginalMessage: JSON.stringify({
          error: {
            message: "This model's maximum context length is 8192 tokens",
            type: 'BadRequestError',
            code: 400,
          },
        }),
        Message: 'Received client error (400) from primary with message ...',
      }),
    }));
    const error = await attemptError(sageMakerAdapter(server.url), chatRequest(), 'ep');
    expect(error.kind).toBe('context_length_exceeded');
    expect(error.details.upstreamStatus).toBe(400);
  });
});
