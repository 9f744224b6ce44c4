import { Readable } from 'node:stream';
import OpenAI from 'openai';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let harness: TestGateway;

beforeAll(async () => {
  harness = await startTestGateway();
});
afterAll(async () => {
  await harness?.stop();
});

/** Sends a raw request (bypassing the SDK's own validation) and returns status, headers and JSON. */
async function post(body: string, headers: Record<string, string> = {}) {
  const response = await request(`${harness.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${harness.key}`, 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await response.body.text();
  return {
    status: response.statusCode,
    headers: response.headers,
    json: JSON.parse(text) as { error: Record<string, unknown> },
  };
}

async function sdkError(promise: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OpenAI.APIError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

const hello = [{ role: 'user' as const, content: 'hello' }];

describe("errors in OpenAI's envelope with the right status", () => {
  it('400 names the offending field', async () => {
    const wrongType = await post(JSON.stringify({ model: 'chat', messages: hello, temperature: 'hot' }));
    expect(wrongType.status).toBe(400);
    expect(wrongType.json.error).toMatchObject({ type: 'invalid_request_error', param: 'temperature' });
    expect(wrongType.json.error.message).toContain("'temperature'");
    const badRole = await post(
      JSON.stringify({ model: 'chat', messages: [{ role: 'robot', content: 'x' }] }),
    );
    expect(badRole.json.error.param).toBe('messages[0].role');
    const empty = await post(JSON.stringify({ model: 'chat', messages: [] }));
    expect(empty.status).toBe(400);
    expect(empty.json.error.param).toBe('messages');
    const missing = await post(JSON.stringify({ messages: hello }));
    expect(missing.json.error).toMatchObject({ param: 'model', code: 'missing_required_parameter' });
    const toolCall = await post(
      JSON.stringify({ model: 'chat', messages: [{ role: 'tool', content: 'x' }] }),
    );
    expect(toolCall.json.error.param).toBe('messages[0].tool_call_id');
  });

  it('400 for malformed JSON, a JSON array, an empty body; 415 for a non-JSON content type', async () => {
    const malformed = await post('{"model": "chat", "messages": [');
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe('invalid_json');
    const array = await post('[1,2]');
    expect(array.status).toBe(400);
    const blank = await post('');
    expect(blank.status).toBe(400);
    const form = await post('model=chat', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect(form.json.error.type).toBe('invalid_request_error');
  });

  it('413 for a body over the limit, declared or streamed', async () => {
    const huge = JSON.stringify({
      model: 'chat',
      messages: [{ role: 'user', content: 'x'.repeat(100_000) }],
    });
    const declared = await post(huge);
    expect(declared.status).toBe(413);
    expect(declared.json.error.code).toBe('request_too_large');
    const chunked = await request(`${harness.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${harness.key}`, 'content-type': 'application/json' },
      body: Readable.from(
        (function* () {
          for (let index = 0; index < 20; index++) yield Buffer.alloc(8192, 0x20);
        })(),
      ),
    });
    expect(chunked.statusCode).toBe(413);
    await chunked.body.dump();
  });

  it('401 for a missing, malformed or unknown key', async () => {
    const none = await post(JSON.stringify({ model: 'chat', messages: hello }), { authorization: '' });
    expect(none.status).toBe(401);
    expect(none.json.error.code).toBe('invalid_api_key');
    const error = await sdkError(
      harness
        .client({ key: 'sy_AAAAAAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB' })
        .chat.completions.create({ model: 'chat', messages: hello }),
    );
    expect(error.status).toBe(401);
    const other = await sdkError(
      harness.client({ key: 'sk-not-ours' }).chat.completions.create({ model: 'chat', messages: hello }),
    );
    expect(other.status).toBe(401);
  });

  it('accepts the key as Authorization Bearer, X-API-Key and api-key', async () => {
    const body = JSON.stringify({ model: 'chat', messages: hello });
    const variants: Array<Record<string, string>> = [
      { 'x-api-key': harness.key },
      { 'X-API-Key': harness.key },
      { 'api-key': harness.key },
    ];
    for (const headers of variants) {
      const response = await post(body, { authorization: '', ...headers });
      expect(response.status).toBe(200);
    }
  });

  it('403 when the key may not use the model, 404 for an unknown model', async () => {
    const limited = await harness.createKey({ allowedModels: ['smart'] });
    const forbidden = await sdkError(
      harness.client({ key: limited.key }).chat.completions.create({ model: 'chat', messages: hello }),
    );
    expect(forbidden.status).toBe(403);
    expect(forbidden.code).toBe('model_not_allowed');
    const unknown = await sdkError(
      harness.client().chat.completions.create({ model: 'no-such-model', messages: hello }),
    );
    expect(unknown.status).toBe(404);
    expect(unknown.code).toBe('model_not_found');
    expect(unknown.message).toContain('no-such-model');
  });

  it('passes an upstream 429 on with Retry-After', async () => {
    const error = await sdkError(
      harness.client().chat.completions.create({ model: 'sim/demo-fast+429-ra30', messages: hello }),
    );
    expect(error.status).toBe(429);
    expect(error.headers?.get('retry-after')).toBe('30');
  });

  it("502 for an upstream 500 or reset, 503 for overload, 504 for silence, in OpenAI's envelope", async () => {
    const failed = await sdkError(
      harness.client().chat.completions.create({ model: 'sim/demo-fast+500', messages: hello }),
    );
    expect(failed.status).toBe(502);
    expect(failed.type).toBe('server_error');
    expect(failed.headers?.get('x-should-retry')).toBe('false');
    const reset = await sdkError(
      harness.client().chat.completions.create({ model: 'sim/demo-fast+reset', messages: hello }),
    );
    expect(reset.status).toBe(502);
    const overloaded = await sdkError(
      harness.client().chat.completions.create({ model: 'sim/demo-fast+503', messages: hello }),
    );
    expect(overloaded.status).toBe(503);
    const silent = await sdkError(
      harness.client().chat.completions.create({ model: 'quick-timeouts', messages: hello }),
    );
    expect(silent.status).toBe(504);
    expect(silent.message).toContain('did not start answering within 300 ms');
  });

  it('surfaces upstream context-length and content-policy rejections as 400 with their codes', async () => {
    const context = await sdkError(
      harness.client().chat.completions.create({ model: 'sim/demo-fast+ctx-len', messages: hello }),
    );
    expect(context.status).toBe(400);
    expect(context.code).toBe('context_length_exceeded');
    const policy = await sdkError(
      harness.client().chat.completions.create({ model: 'sim/demo-fast+policy', messages: hello }),
    );
    expect(policy.status).toBe(400);
    expect(policy.code).toBe('content_policy_violation');
  });

  it('falls over to the next deployment and says so', async () => {
    const { data, response } = await harness
      .client()
      .chat.completions.create({ model: 'flaky', messages: hello })
      .withResponse();
    expect(data.choices[0]?.message.content).toMatch(/demo-smart/);
    expect(response.headers.get('x-switchyard-fallback-used')).toBe('true');
    expect(response.headers.get('x-switchyard-attempts')).toBe('2');
    expect(response.headers.get('x-switchyard-model')).toBe('sim2/demo-smart');
  });

  it("404 in OpenAI's envelope for an unknown path, 405 for a wrong method", async () => {
    const response = await request(`${harness.url}/v1/nothing-here`);
    expect(response.statusCode).toBe(404);
    expect(((await response.body.json()) as { error: { type: string } }).error.type).toBe(
      'invalid_request_error',
    );
    const wrongMethod = await request(`${harness.url}/v1/chat/completions`);
    expect(wrongMethod.statusCode).toBe(405);
    await wrongMethod.body.dump();
  });
});
