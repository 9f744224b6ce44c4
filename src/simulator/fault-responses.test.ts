import OpenAI from 'openai';
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator } from './index.js';
import { chatBody, sdkClient } from './test-helpers.js';
import type { Simulator } from './types.js';

let simulator: Simulator;
let client: OpenAI;
beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
  client = sdkClient(simulator);
});
afterAll(() => simulator.close());
beforeEach(() => simulator.reset());

async function failure(
  model: string,
  extra: Partial<OpenAI.ChatCompletionCreateParamsNonStreaming> = {},
): Promise<InstanceType<typeof OpenAI.APIError>> {
  try {
    await client.chat.completions.create({ ...chatBody(model), ...extra });
  } catch (error) {
    if (error instanceof OpenAI.APIError) return error;
    throw error;
  }
  throw new Error(`expected ${model} to fail`);
}

describe('HTTP status faults', () => {
  it('429 without Retry-After', async () => {
    const error = await failure('demo+429');
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error.status).toBe(429);
    expect(error.code).toBe('rate_limit_exceeded');
    expect(error.headers?.get('retry-after')).toBeNull();
    expect(error.requestID).toMatch(/^req_/);
    expect(simulator.recordsFor('demo+429')[0]).toMatchObject({ status: 429, fault: '429', aborted: false });
  });

  it('429-ra2 carries Retry-After and retry-after-ms', async () => {
    const error = await failure('demo+429-ra2');
    expect(error.headers?.get('retry-after')).toBe('2');
    expect(error.headers?.get('retry-after-ms')).toBe('2000');
    expect(error.headers?.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(error.message).toMatch(/Please try again in 2s\.$/);
  });

  it('500, 503 and 401 use the OpenAI envelope and the SDK error classes', async () => {
    const serverError = await failure('demo+500');
    expect(serverError).toBeInstanceOf(OpenAI.InternalServerError);
    expect(serverError.type).toBe('server_error');
    const overloaded = await failure('demo+503');
    expect(overloaded.status).toBe(503);
    expect(overloaded.code).toBe('overloaded');
    const unauthorized = await failure('demo+401');
    expect(unauthorized).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(unauthorized.code).toBe('invalid_api_key');
    expect(unauthorized.type).toBe('invalid_request_error');
  });

  it('ctx-len, policy and no-prefill answer 400 with their codes', async () => {
    const context = await failure('demo+ctx-len');
    expect(context).toBeInstanceOf(OpenAI.BadRequestError);
    expect(context.code).toBe('context_length_exceeded');
    expect(context.message).toMatch(
      /This model's maximum context length is \d+ tokens\. However, your messages resulted in \d+ tokens/,
    );
    const policy = await failure('demo+policy');
    expect(policy.code).toBe('content_policy_violation');
    const prefill = await failure('demo+no-prefill', {
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Simulated' },
      ],
    });
    expect(prefill.code).toBe('prefill_not_supported');
    expect(prefill.message).toBe('400 This model does not support assistant message prefill');
    const normal = await client.chat.completions.create(chatBody('demo+no-prefill'));
    expect(normal.choices[0]?.finish_reason).toBe('stop');
  });
});

describe('connection faults', () => {
  it('reset destroys the socket before any headers', async () => {
    await expect(
      request(`${simulator.url}/v1/chat/completions`, {
        method: 'POST',
        body: JSON.stringify(chatBody('demo+reset')),
      }),
    ).rejects.toThrow(/other side closed|ECONNRESET|socket/i);
    const record = await simulator.waitFor(
      (candidate) => candidate.model === 'demo+reset' && candidate.endedAt !== undefined,
    );
    expect(record).toMatchObject({ fault: 'reset', aborted: false });
    expect(record.status).toBeUndefined();
  });

  it('silence never answers; the client times out and the record is marked aborted', async () => {
    const started = Date.now();
    await expect(
      fetch(`${simulator.url}/v1/chat/completions`, {
        method: 'POST',
        body: JSON.stringify(chatBody('demo+silence')),
        signal: AbortSignal.timeout(200),
      }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    const record = await simulator.waitFor(
      (candidate) => candidate.model === 'demo+silence' && candidate.aborted,
    );
    expect(record.fault).toBe('silence');
    expect(record.respondedAt).toBeUndefined();
  });

  it('slow-300 delays the JSON response headers', async () => {
    const started = Date.now();
    const completion = await client.chat.completions.create(chatBody('demo+slow-300'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(295);
    expect(completion.choices[0]?.message.content).toMatch(/^Simulated reply from demo:/);
    const [record] = simulator.recordsFor('demo+slow-300');
    expect((record?.respondedAt ?? 0) - (record?.receivedAt ?? 0)).toBeGreaterThanOrEqual(295);
  });

  it('slow-300 on a stream sends headers at once and the first chunk after the pause', async () => {
    const started = Date.now();
    const response = await fetch(`${simulator.url}/v1/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ ...chatBody('demo+slow-300'), stream: true }),
    });
    expect(Date.now() - started).toBeLessThan(250);
    const text = await response.text();
    expect(Date.now() - started).toBeGreaterThanOrEqual(295);
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('cut-N on a JSON answer sends part of the body, then breaks the connection', async () => {
    const response = await request(`${simulator.url}/v1/chat/completions`, {
      method: 'POST',
      body: JSON.stringify(chatBody('demo+cut-1')),
    });
    expect(response.statusCode).toBe(200);
    await expect(response.body.text()).rejects.toThrow();
    const record = await simulator.waitFor(
      (candidate) => candidate.model === 'demo+cut-1' && candidate.endedAt !== undefined,
    );
    expect(record).toMatchObject({ fault: 'cut-1', status: 200, aborted: false });
  });
});
