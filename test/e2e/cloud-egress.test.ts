import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureServer, sse, startFixtureServer } from '../../src/providers/adapter-test-kit.js';
import { converseEvent } from '../../src/providers/bedrock/event-stream-frames.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

// OpenAI-SDK callers served through the whole gateway by the SDK-driven Bedrock adapter and the
// Cohere adapter, each against a local server playing the provider's wire format.

let bedrock: FixtureServer;
let cohere: FixtureServer;
let harness: TestGateway;

beforeAll(async () => {
  bedrock = await startFixtureServer(
    (request) =>
      request.url.endsWith('/converse-stream')
        ? {
            headers: { 'content-type': 'application/vnd.amazon.eventstream' },
            body: [
              converseEvent('messageStart', { role: 'assistant' }),
              converseEvent('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Streamed ' } }),
              converseEvent('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'from Bedrock' } }),
              converseEvent('contentBlockStop', { contentBlockIndex: 0 }),
              converseEvent('messageStop', { stopReason: 'end_turn' }),
              converseEvent('metadata', { usage: { inputTokens: 7, outputTokens: 4, totalTokens: 11 } }),
            ],
          }
        : {
            body: JSON.stringify({
              output: { message: { role: 'assistant', content: [{ text: 'Hello from Bedrock' }] } },
              stopReason: 'max_tokens',
              usage: { inputTokens: 9, outputTokens: 3, totalTokens: 12 },
            }),
          },
    { http2: true },
  );
  cohere = await startFixtureServer(() => ({
    headers: { 'content-type': 'text/event-stream' },
    body: sse([
      ['message-start', { type: 'message-start', id: 'c1' }],
      [
        'content-start',
        { type: 'content-start', index: 0, delta: { message: { content: { type: 'text', text: '' } } } },
      ],
      [
        'content-delta',
        { type: 'content-delta', index: 0, delta: { message: { content: { text: 'Cohere says hi' } } } },
      ],
      ['content-end', { type: 'content-end', index: 0 }],
      [
        'message-end',
        {
          type: 'message-end',
          delta: {
            finish_reason: 'COMPLETE',
            usage: { billed_units: { input_tokens: 5, output_tokens: 3 } },
          },
        },
      ],
    ]),
  }));
  harness = await startTestGateway({
    yaml: `
logging: { level: silent }
providers:
  aws:
    type: bedrock
    baseUrl: ${bedrock.url}
    region: us-east-1
    accessKeyId: AKIDEXAMPLE
    secretAccessKey: secret-example
  co: { type: cohere, baseUrl: "${cohere.url}/v2", apiKey: co-key }
`,
  });
});

afterAll(async () => {
  await harness?.stop();
  await bedrock?.close();
  await cohere?.close();
});

describe('cloud providers through the gateway', () => {
  it('answers an OpenAI caller from Bedrock Converse', async () => {
    const { data, response } = await harness
      .client()
      .chat.completions.create({
        model: 'aws/amazon.nova-lite-v1:0',
        messages: [{ role: 'user', content: 'hi' }],
        max_tokens: 3,
      })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe('Hello from Bedrock');
    expect(data.choices[0]?.finish_reason).toBe('length');
    expect(data.usage).toMatchObject({ prompt_tokens: 9, completion_tokens: 3 });
    expect(response.headers.get('x-switchyard-model')).toBe('aws/amazon.nova-lite-v1:0');
    const sent = bedrock.requests.at(-1);
    expect(sent?.url).toBe(`/model/${encodeURIComponent('amazon.nova-lite-v1:0')}/converse`);
    expect(sent?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\//);
  });

  it('streams an OpenAI caller from Bedrock ConverseStream, with usage', async () => {
    const stream = await harness.client().chat.completions.create({
      model: 'aws/amazon.nova-lite-v1:0',
      messages: [{ role: 'user', content: 'stream' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let finish: string | null | undefined;
    let completionTokens: number | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      completionTokens = chunk.usage?.completion_tokens ?? completionTokens;
    }
    expect(text).toBe('Streamed from Bedrock');
    expect(finish).toBe('stop');
    expect(completionTokens).toBe(4);
  });

  it('streams an OpenAI caller from Cohere v2 chat', async () => {
    const stream = await harness.client().chat.completions.create({
      model: 'co/command-a-03-2025',
      messages: [{ role: 'user', content: 'hello' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Cohere says hi');
    expect(JSON.parse(cohere.requests.at(-1)?.text ?? '{}')).toMatchObject({
      model: 'command-a-03-2025',
      stream: true,
    });
  });
});
