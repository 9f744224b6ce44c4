import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway();
});

afterAll(async () => {
  await gateway.stop();
});

async function send(key: string, idempotencyKey: string, body: Record<string, unknown>) {
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      'idempotency-key': idempotencyKey,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function loggedRequests(keyId: string) {
  await gateway.flushLog();
  return gateway.gateway.app.store.requestLog.list({ limit: 1000, keyId });
}

const request = { model: 'chat', messages: [{ role: 'user', content: 'hi' }] };

describe('Idempotency-Key', () => {
  it('replays the original answer byte for byte and bills once', async () => {
    const { key, id } = await gateway.createKey({ policy: { budgets: [{ period: 'day', usd: 1 }] } });
    const first = await send(key, 'order-1', request);
    const retry = await send(key, 'order-1', request);
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.text).toBe(first.text);
    expect(retry.headers.get('x-switchyard-idempotent-replay')).toBe('true');
    expect(retry.headers.get('x-switchyard-request-id')).toBe(first.headers.get('x-switchyard-request-id'));
    expect(await loggedRequests(id)).toHaveLength(1);
  });

  it('makes a concurrent retry wait for the running request instead of calling again', async () => {
    const { key, id } = await gateway.createKey();
    const slow = { ...request, model: 'sim/demo-fast+slow-300' };
    const [first, second, third] = await Promise.all([
      send(key, 'order-2', slow),
      send(key, 'order-2', slow),
      send(key, 'order-2', slow),
    ]);
    expect(new Set([first.text, second.text, third.text]).size).toBe(1);
    expect(await loggedRequests(id)).toHaveLength(1);
  });

  it('replays a stream', async () => {
    const { key, id } = await gateway.createKey();
    const streamed = { ...request, stream: true };
    const first = await send(key, 'order-3', streamed);
    const retry = await send(key, 'order-3', streamed);
    expect(first.text).toContain('data: [DONE]');
    expect(retry.text).toBe(first.text);
    expect(retry.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(await loggedRequests(id)).toHaveLength(1);
  });

  it('refuses the same key for a different request, and scopes keys per virtual key', async () => {
    const { key } = await gateway.createKey();
    const other = await gateway.createKey();
    await send(key, 'order-4', request);
    const reused = await send(key, 'order-4', { ...request, temperature: 0.5 });
    expect(reused.status).toBe(422);
    expect(JSON.parse(reused.text)).toMatchObject({
      error: { code: 'idempotency_key_reused', param: 'idempotency-key' },
    });
    const otherKey = await send(other.key, 'order-4', request);
    expect(otherKey.status).toBe(200);
    expect(otherKey.headers.get('x-switchyard-idempotent-replay')).toBeNull();
  });

  it('does not keep failures: the retry of a failed request runs again', async () => {
    const { key, id } = await gateway.createKey();
    const flaky = { ...request, model: 'sim/demo-fast+500+times-1' };
    const first = await send(key, 'order-5', flaky);
    expect(first.status).toBeGreaterThanOrEqual(500);
    const retry = await send(key, 'order-5', flaky);
    expect(retry.status).toBe(200);
    expect(retry.headers.get('x-switchyard-idempotent-replay')).toBeNull();
    expect((await loggedRequests(id)).map((row) => row.outcome).sort()).toEqual(['error', 'success']);
  });
});
