import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway();
});

afterAll(async () => {
  await gateway.stop();
});

const chatBody = { model: 'chat', messages: [{ role: 'user', content: 'hi' }] };

async function post(path: string, key: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${gateway.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe('requests per minute', () => {
  it('answers with OpenAI rate-limit headers, then 429 with Retry-After in the OpenAI envelope', async () => {
    const { key } = await gateway.createKey({ policy: { limits: { rpm: 2 } } });
    const first = await post('/v1/chat/completions', key, chatBody);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit-requests')).toBe('2');
    expect(first.headers.get('x-ratelimit-remaining-requests')).toBe('1');
    expect(first.headers.get('x-ratelimit-reset-requests')).toMatch(/^\d+(\.\d+)?s$/);
    const second = await post('/v1/chat/completions', key, chatBody);
    expect(second.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    const third = await post('/v1/chat/completions', key, chatBody);
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(third.headers.get('retry-after'))).toBeLessThanOrEqual(30);
    expect(third.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(third.body).toMatchObject({
      error: {
        type: 'rate_limit_error',
        code: 'rate_limit_exceeded',
        message: expect.stringContaining('2 requests per minute'),
      },
    });
  });

  it('is raised by the OpenAI SDK as a RateLimitError', async () => {
    const { key } = await gateway.createKey({ policy: { limits: { rpm: 1 } } });
    const client = gateway.client({ key });
    await client.chat.completions.create({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] });
    const refused = await client.chat.completions
      .create({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
    expect((refused as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toBeTruthy();
  });

  it('answers in the Anthropic envelope on /v1/messages', async () => {
    const { key } = await gateway.createKey({ policy: { limits: { rpm: 1 } } });
    const client = new Anthropic({ apiKey: key, baseURL: gateway.url, maxRetries: 0 });
    const request = { model: 'chat', max_tokens: 50, messages: [{ role: 'user' as const, content: 'hi' }] };
    await client.messages.create(request);
    const refused = await client.messages.create(request).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Anthropic.RateLimitError);
    const error = refused as InstanceType<typeof Anthropic.RateLimitError>;
    expect(error.status).toBe(429);
    expect(error.error).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    expect(error.headers?.get('retry-after')).toBeTruthy();
  });

  it('answers in the Gemini envelope on generateContent', async () => {
    const { key } = await gateway.createKey({ policy: { limits: { rpm: 1 } } });
    const client = new GoogleGenAI({ apiKey: key, httpOptions: { baseUrl: gateway.url } });
    await client.models.generateContent({ model: 'chat', contents: 'hi' });
    const refused = (await client.models
      .generateContent({ model: 'chat', contents: 'hi' })
      .catch((error: unknown) => error)) as {
      status?: number;
      message: string;
    };
    expect(refused.status).toBe(429);
    expect(refused.message).toContain('RESOURCE_EXHAUSTED');
  });

  it('answers in the Responses envelope', async () => {
    const { key } = await gateway.createKey({ policy: { limits: { rpm: 1 } } });
    const client = gateway.client({ key });
    await client.responses.create({ model: 'chat', input: 'hi' });
    const refused = await client.responses
      .create({ model: 'chat', input: 'hi' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
  });

  it('limits each end user separately and reports their counters with a -user suffix', async () => {
    const { key } = await gateway.createKey({ policy: { end_user_limits: { rpm: 1 } } });
    const alice = await post('/v1/chat/completions', key, { ...chatBody, user: 'alice' });
    expect(alice.status).toBe(200);
    expect(alice.headers.get('x-ratelimit-limit-requests-user')).toBe('1');
    expect(alice.headers.get('x-ratelimit-remaining-requests-user')).toBe('0');
    const bob = await post('/v1/chat/completions', key, { ...chatBody, user: 'bob' });
    expect(bob.status).toBe(200);
    const aliceAgain = await post('/v1/chat/completions', key, { ...chatBody, user: 'alice' });
    expect(aliceAgain.status).toBe(429);
    expect(aliceAgain.body).toMatchObject({
      error: { message: expect.stringContaining("end user 'alice'") },
    });
    const anonymous = await post('/v1/chat/completions', key, chatBody);
    expect(anonymous.status).toBe(200);
  });
});

describe('tokens per minute', () => {
  it('reserves the estimate, reconciles to the real usage, and refuses what does not fit', async () => {
    const { key } = await gateway.createKey({ policy: { limits: { tpm: 1000 } } });
    const first = await post('/v1/chat/completions', key, { ...chatBody, max_tokens: 100 });
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit-tokens')).toBe('1000');
    const reserved = 1000 - Number(first.headers.get('x-ratelimit-remaining-tokens'));
    const usage = first.body.usage as { total_tokens: number };
    expect(reserved).toBeGreaterThan(100);
    // After reconciling, the next request sees only the real usage taken (plus refill).
    const second = await post('/v1/chat/completions', key, { ...chatBody, max_tokens: 10 });
    const left = Number(second.headers.get('x-ratelimit-remaining-tokens'));
    const secondReserve = reserved - 100 + 10;
    expect(left).toBeGreaterThanOrEqual(1000 - usage.total_tokens - secondReserve - 1);
    const tooBig = await post('/v1/chat/completions', key, { ...chatBody, max_tokens: 5000 });
    expect(tooBig.status).toBe(429);
    expect(tooBig.body).toMatchObject({
      error: {
        code: 'tokens_exceeded',
        message: expect.stringContaining('more than the 1000 tokens per minute'),
      },
    });
  });
});

describe('the token guess', () => {
  it('counts exactly before refusing when the fast guess does not fit', async () => {
    // ~400 characters of English: about 80 real tokens, guessed at about 200 (half a token a byte).
    const text = 'The quick brown fox jumps over the lazy dog near the river bank. '.repeat(6);
    const { key } = await gateway.createKey({ policy: { limits: { tpm: 150 } } });
    const admitted = await post('/v1/chat/completions', key, {
      model: 'chat',
      max_tokens: 10,
      messages: [{ role: 'user', content: text }],
    });
    expect(admitted.status).toBe(200);
  });
});

describe('concurrent requests', () => {
  it('refuses a second request while the first is in flight, then admits again', async () => {
    const { key } = await gateway.createKey({ policy: { limits: { concurrency: 1 } } });
    const slow = post('/v1/chat/completions', key, {
      model: 'sim/demo-fast+slow-400',
      messages: chatBody.messages,
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const refused = await post('/v1/chat/completions', key, chatBody);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: { code: 'concurrency_exceeded' } });
    expect((await slow).status).toBe(200);
    expect((await post('/v1/chat/completions', key, chatBody)).status).toBe(200);
  });

  it('releases the slot when the provider fails', async () => {
    const { key } = await gateway.createKey({ policy: { limits: { concurrency: 1 } } });
    const failed = await post('/v1/chat/completions', key, {
      model: 'sim/demo-fast+400',
      messages: chatBody.messages,
    });
    expect(failed.status).toBe(400);
    expect((await post('/v1/chat/completions', key, chatBody)).status).toBe(200);
  });
});
