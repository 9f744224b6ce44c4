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

const userTurn = { role: 'user', parts: [{ text: 'Hi' }] };
const generate = (model: string, contents: unknown[] = [userTurn]) =>
  post(simulator, `/v1beta/models/${encodeURIComponent(model)}:generateContent`, { contents });

function errorOf(response: WireResponse): {
  code: number;
  message: string;
  status: string;
  details?: unknown[];
} {
  const body = response.json as { error: { code: number; message: string; status: string } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(response.status);
  return body.error;
}

describe('generateContent status faults', () => {
  it('429-ra2 is RESOURCE_EXHAUSTED with a RetryInfo detail, not a Retry-After header', async () => {
    const response = await generate('demo+429-ra2');
    expect(response.status).toBe(429);
    const error = errorOf(response);
    expect(error.status).toBe('RESOURCE_EXHAUSTED');
    expect(error.details).toContainEqual({
      '@type': 'type.googleapis.com/google.rpc.RetryInfo',
      retryDelay: '2s',
    });
    expect(response.headers.get('retry-after')).toBeNull();
    expect(simulator.records()[0]).toMatchObject({ status: 429, fault: '429-ra2', protocol: 'gemini' });
  });

  it('500 is INTERNAL, 503 UNAVAILABLE, 404 NOT_FOUND', async () => {
    expect(errorOf(await generate('demo+500')).status).toBe('INTERNAL');
    const overloaded = await generate('demo+503');
    expect(overloaded.status).toBe(503);
    expect(errorOf(overloaded)).toMatchObject({
      status: 'UNAVAILABLE',
      message: 'The model is overloaded. Please try again later.',
    });
    expect(errorOf(await generate('demo+404')).status).toBe('NOT_FOUND');
  });

  it("ctx-len is INVALID_ARGUMENT in Gemini's words; no-prefill refuses a trailing model turn", async () => {
    const long = await generate('demo+ctx-len');
    expect(long.status).toBe(400);
    expect(errorOf(long).message).toMatch(
      /^The input token count \(\d+\) exceeds the maximum number of tokens allowed \(1048576\)\.$/,
    );
    const prefill = await generate('demo+no-prefill', [
      userTurn,
      { role: 'model', parts: [{ text: 'Simulated' }] },
    ]);
    expect(errorOf(prefill).status).toBe('INVALID_ARGUMENT');
    expect((await generate('demo+no-prefill')).status).toBe(200);
  });

  it('every-2 fails every second request; countTokens and embeddings get the faults too', async () => {
    expect((await generate('demo+500+every-2')).status).toBe(200);
    expect((await generate('demo+500+every-2')).status).toBe(500);
    const counted = await post(simulator, '/v1beta/models/demo+429:countTokens', { contents: [userTurn] });
    expect(errorOf(counted).status).toBe('RESOURCE_EXHAUSTED');
    const embedded = await post(simulator, '/v1beta/models/embed+503:embedContent', {
      content: { parts: [{ text: 'x' }] },
    });
    expect(errorOf(embedded).status).toBe('UNAVAILABLE');
  });
});

describe('generateContent connection faults', () => {
  it('reset breaks the connection before any header', async () => {
    await expect(generate('demo+reset')).rejects.toThrow();
    const record = await simulator.waitFor(
      (candidate) => candidate.model === 'demo+reset' && candidate.endedAt !== undefined,
    );
    expect(record).toMatchObject({ fault: 'reset', aborted: false, protocol: 'gemini' });
  });

  it('slow-MS delays a JSON answer; cut-N sends half of it and breaks the connection', async () => {
    const started = Date.now();
    expect((await generate('demo+slow-120')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(120);
    const cut = await generate('demo+cut-1');
    expect(cut.error).toBeDefined();
    expect(cut.text.startsWith('{"candidates":')).toBe(true);
  });

  it('silence never answers; the record ends aborted when the client leaves', async () => {
    const controller = new AbortController();
    const pending = fetch(`${simulator.url}/v1beta/models/demo+silence:streamGenerateContent?alt=sse`, {
      method: 'POST',
      body: JSON.stringify({ contents: [userTurn] }),
      signal: controller.signal,
    });
    await simulator.waitFor((candidate) => candidate.model === 'demo+silence');
    controller.abort();
    await expect(pending).rejects.toThrow();
    const record = await simulator.waitFor(
      (candidate) => candidate.model === 'demo+silence' && candidate.aborted,
    );
    expect(record).toMatchObject({ stream: true, protocol: 'gemini' });
  });
});
