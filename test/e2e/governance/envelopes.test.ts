import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyDocument } from '../../../src/governance/policy.js';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway();
});

afterAll(async () => {
  await gateway.stop();
});

/** One request per API shape, as that shape's callers send it. */
const shapes = [
  {
    name: 'OpenAI Chat',
    path: '/v1/chat/completions',
    body: { model: 'chat', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] },
    headers: (key: string) => ({ authorization: `Bearer ${key}` }),
    rateLimited: { error: { type: 'rate_limit_error' } },
    overBudget: { error: { type: 'insufficient_quota', code: 'budget_exceeded' } },
  },
  {
    name: 'OpenAI Responses',
    path: '/v1/responses',
    body: { model: 'chat', max_output_tokens: 50, input: 'hi' },
    headers: (key: string) => ({ authorization: `Bearer ${key}` }),
    rateLimited: { error: { type: 'rate_limit_error' } },
    overBudget: { error: { type: 'insufficient_quota', code: 'budget_exceeded' } },
  },
  {
    name: 'Anthropic Messages',
    path: '/v1/messages',
    body: { model: 'chat', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] },
    headers: (key: string) => ({ 'x-api-key': key, 'anthropic-version': '2023-06-01' }),
    rateLimited: { type: 'error', error: { type: 'rate_limit_error' } },
    overBudget: { type: 'error', error: { type: 'billing_error' } },
  },
  {
    name: 'Gemini',
    path: '/v1beta/models/chat:generateContent',
    body: {
      contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
      generationConfig: { maxOutputTokens: 50 },
    },
    headers: (key: string) => ({ 'x-goog-api-key': key }),
    rateLimited: { error: { code: 429, status: 'RESOURCE_EXHAUSTED' } },
    overBudget: { error: { code: 402, status: 'RESOURCE_EXHAUSTED' } },
  },
];

async function call(shape: (typeof shapes)[number], key: string) {
  const response = await fetch(`${gateway.url}${shape.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...shape.headers(key) },
    body: JSON.stringify(shape.body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
}

async function keyWith(policy: PolicyDocument): Promise<string> {
  return (await gateway.createKey({ policy })).key;
}

describe.each(shapes)('$name', (shape) => {
  it("429 over the request rate, in the shape's envelope, with Retry-After and rate-limit headers", async () => {
    const key = await keyWith({ limits: { rpm: 1 } });
    const first = await call(shape, key);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    const refused = await call(shape, key);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject(shape.rateLimited);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('x-ratelimit-limit-requests')).toBe('1');
  });

  it('429 over the token rate', async () => {
    const key = await keyWith({ limits: { tpm: 40 } });
    const refused = await call(shape, key);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject(shape.rateLimited);
  });

  it('402 when the budget cannot cover the request', async () => {
    const key = await keyWith({ budgets: [{ period: 'month', usd: 0.000001 }] });
    const refused = await call(shape, key);
    expect(refused.status).toBe(402);
    expect(refused.body).toMatchObject(shape.overBudget);
    expect(JSON.stringify(refused.body)).toContain('monthly budget of $0.000001');
  });
});
