import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator } from './index.js';
import type { Simulator } from './types.js';
import { post, type WireResponse } from './wire-test-helpers.js';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
});
afterAll(() => simulator.close());
beforeEach(() => simulator.reset());

const send = (model: string, extra: Record<string, unknown> = {}) =>
  post(simulator, '/v1/messages', {
    model,
    max_tokens: 50,
    messages: [{ role: 'user', content: 'Hi' }],
    ...extra,
  });

function errorOf(response: WireResponse): { type: string; message: string } {
  const body = response.json as {
    type: string;
    error: { type: string; message: string };
    request_id: string;
  };
  expect(body.type).toBe('error');
  expect(body.request_id).toBe(response.headers.get('request-id'));
  return body.error;
}

describe('Messages status faults', () => {
  it('429-ra2 is a rate_limit_error with retry-after', async () => {
    const response = await send('demo+429-ra2');
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(response.headers.get('anthropic-ratelimit-requests-remaining')).toBe('0');
    expect(errorOf(response).type).toBe('rate_limit_error');
    expect(simulator.records()[0]).toMatchObject({ status: 429, fault: '429-ra2', protocol: 'anthropic' });
  });

  it("500 is an api_error and 503 becomes Anthropic's 529 overloaded_error", async () => {
    const failed = await send('demo+500');
    expect(failed.status).toBe(500);
    expect(errorOf(failed)).toEqual({ type: 'api_error', message: 'Internal server error' });
    const overloaded = await send('demo+503', { stream: true });
    expect(overloaded.status).toBe(529);
    expect(errorOf(overloaded)).toEqual({ type: 'overloaded_error', message: 'Overloaded' });
    expect(simulator.recordsFor('demo+503')[0]).toMatchObject({ status: 529, fault: '503' });
    expect(errorOf(await send('demo+401')).type).toBe('authentication_error');
    expect(errorOf(await send('demo+404')).type).toBe('not_found_error');
  });

  it('ctx-len, policy and no-prefill are invalid_request_errors', async () => {
    const long = await send('demo+ctx-len');
    expect(long.status).toBe(400);
    expect(errorOf(long).message).toMatch(/^prompt is too long: \d+ tokens > 200000 maximum$/);
    const policy = await send('demo+policy');
    expect(policy.status).toBe(400);
    expect(errorOf(policy).type).toBe('invalid_request_error');
    const prefill = await send('demo+no-prefill', {
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Simulated' },
      ],
    });
    expect(errorOf(prefill).message).toContain('prefill');
    expect((await send('demo+no-prefill')).status).toBe(200);
  });

  it('times-1 fails once; count_tokens gets the same faults', async () => {
    expect((await send('demo+500+times-1')).status).toBe(500);
    expect((await send('demo+500+times-1')).status).toBe(200);
    const counted = await post(simulator, '/v1/messages/count_tokens', {
      model: 'demo+429',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(counted.status).toBe(429);
    expect(errorOf(counted).type).toBe('rate_limit_error');
  });
});

describe('Messages connection faults', () => {
  it('reset breaks the connection before any header', async () => {
    await expect(send('demo+reset')).rejects.toThrow();
    const record = await simulator.waitFor(
      (candidate) => candidate.model === 'demo+reset' && candidate.endedAt !== undefined,
    );
    expect(record).toMatchObject({ fault: 'reset', aborted: false, protocol: 'anthropic' });
    expect(record.status).toBeUndefined();
  });

  it('silence never answers; the record ends aborted when the client leaves', async () => {
    const controller = new AbortController();
    const pending = fetch(`${simulator.url}/v1/messages`, {
      method: 'POST',
      body: JSON.stringify({
        model: 'demo+silence',
        max_tokens: 5,
        messages: [{ role: 'user', content: 'Hi' }],
      }),
      signal: controller.signal,
    });
    await simulator.waitFor((candidate) => candidate.model === 'demo+silence');
    controller.abort();
    await expect(pending).rejects.toThrow();
    const record = await simulator.waitFor(
      (candidate) => candidate.model === 'demo+silence' && candidate.aborted,
    );
    expect(record.status).toBeUndefined();
  });

  it('cut-N on a JSON answer sends half the body and breaks the connection', async () => {
    const response = await send('demo+cut-2');
    expect(response.status).toBe(200);
    expect(response.error).toBeDefined();
    expect(response.json).toBeUndefined();
    expect(response.text.startsWith('{"id":"msg_')).toBe(true);
  });
});
