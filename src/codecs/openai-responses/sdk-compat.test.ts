import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CanonEvent, GatewayError, replayResponse } from '../../canon/index.js';
import { startTestServer, type TestServer } from '../../http/test-server.js';
import { encodeOpenAiResponsesResponse } from './encode-response.js';
import { encodeOpenAiResponsesError } from './map-error.js';
import { encodeStreamText, sampleRequest, sampleResponse } from './test-helpers.js';

// The official SDK against a local server replaying what the codec encodes: what a real caller sees.
let reply: { status: number; contentType: string; body: string } = {
  status: 200,
  contentType: 'application/json',
  body: '{}',
};
let server: TestServer;
let client: OpenAI;

beforeAll(async () => {
  server = await startTestServer((_request, response) => {
    _request.resume();
    _request.on('end', () => {
      response.writeHead(reply.status, { 'content-type': reply.contentType });
      response.end(reply.body);
    });
  });
  client = new OpenAI({ apiKey: 'sk-test', baseURL: `${server.url}/v1`, maxRetries: 0 });
});

afterAll(async () => {
  await server.close();
});

function serveStream(events: CanonEvent[]): void {
  reply = { status: 200, contentType: 'text/event-stream', body: encodeStreamText(events) };
}

describe('the openai SDK reads what the Responses codec writes', () => {
  it('responses.create: output items, output_text and usage', async () => {
    const body = encodeOpenAiResponsesResponse(sampleResponse, sampleRequest());
    reply = { status: 200, contentType: 'application/json', body: JSON.stringify(body) };
    const response = await client.responses.create({ model: 'gpt-5-mini', input: 'Weather in Oslo?' });
    expect(response.id).toBe('resp_fixed');
    expect(response.output_text).toBe('Checking the weather.');
    expect(response.output.map((item) => item.type)).toEqual(['reasoning', 'message', 'function_call']);
    expect(response.usage?.total_tokens).toBe(42);
  });

  it('responses.stream: deltas with snapshots and the final Response', async () => {
    serveStream(replayResponse(sampleResponse));
    const stream = client.responses.stream({ model: 'gpt-5-mini', input: 'Weather in Oslo?' });
    const snapshots: string[] = [];
    stream.on('response.output_text.delta', (event) => snapshots.push(event.snapshot));
    const final = await stream.finalResponse();
    expect(snapshots).toEqual(['Checking the weather.']);
    expect(final.status).toBe('completed');
    expect(final.output_text).toBe('Checking the weather.');
    const call = final.output.find((item) => item.type === 'function_call');
    expect(call).toMatchObject({ call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' });
  });

  it('responses.create({stream: true}): a failure mid-stream arrives as response.failed', async () => {
    serveStream([
      { type: 'text-delta', block: 0, text: 'Hal' },
      { type: 'error', error: new GatewayError('upstream_timeout', 'openai timed out') },
    ]);
    const stream = await client.responses.create({ model: 'gpt-5-mini', input: 'x', stream: true });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types.at(-1)).toBe('response.failed');
    expect(types[0]).toBe('response.created');
  });

  it('an error envelope becomes the SDK error class with param and code', async () => {
    const { status, body } = encodeOpenAiResponsesError(
      new GatewayError('invalid_request', "Invalid value for 'tools[0].type'", { param: 'tools[0].type' }),
    );
    reply = { status, contentType: 'application/json', body: JSON.stringify(body) };
    const failure = await client.responses
      .create({ model: 'm', input: 'x' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.BadRequestError);
    expect(failure).toMatchObject({ status: 400, param: 'tools[0].type', type: 'invalid_request_error' });
  });
});
