import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator, SimulatorRecord } from '../../src/simulator/index.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

// Every scenario has its own model strings so simulator counters and breaker state never mix.
const yaml = `
logging: { level: silent }
providers:
  sim: { type: simulator }
  sim2: { type: simulator }
models:
  ra2-once: { targets: [ { provider: sim, model: "demo-fast+429-ra2+times-1" } ] }
  ra2-always: { targets: [ { provider: sim, model: "demo-fast+429-ra2" } ] }
  rate-limited-primary: { targets: [ { provider: sim, model: "demo-fast+429-ra30" }, { provider: sim2, model: "demo-smart+tokens-21" } ] }
  err500-once:
    targets: [ { provider: sim, model: "demo-fast+500+times-1" } ]
    retry: { attempts: 2, backoffMs: 100 }
  overloaded:
    targets: [ { provider: sim, model: "demo-fast+503" }, { provider: sim2, model: "demo-smart+tokens-22" } ]
    retry: { attempts: 3, backoffMs: 100 }
  reset-primary: { targets: [ { provider: sim, model: "demo-fast+reset" }, { provider: sim2, model: "demo-smart+tokens-23" } ] }
  silent-primary:
    targets: [ { provider: sim, model: "demo-fast+silence" }, { provider: sim2, model: "demo-smart+tokens-24" } ]
    timeouts: { ttftMs: 500, idleMs: 2000, totalMs: 10000 }
  slow-primary:
    targets: [ { provider: sim, model: "demo-fast+slow-3000" }, { provider: sim2, model: "demo-smart+tokens-25" } ]
    timeouts: { ttftMs: 500, idleMs: 2000, totalMs: 10000 }
  slow-but-fine:
    targets: [ { provider: sim, model: "demo-fast+slow-300" } ]
    timeouts: { ttftMs: 2000 }
  cut-rescued: { targets: [ { provider: sim, model: "demo-fast+cut-5" }, { provider: sim2, model: demo-fast } ] }
  stall-rescued:
    targets: [ { provider: sim, model: "demo-fast+stall-5" }, { provider: sim2, model: demo-fast } ]
    timeouts: { ttftMs: 2000, idleMs: 400, totalMs: 10000 }
  malformed-rescued: { targets: [ { provider: sim, model: "demo-fast+malformed-4" }, { provider: sim2, model: demo-fast } ] }
  prefill-refused: { targets: [ { provider: sim, model: "demo-fast+cut-4" }, { provider: sim2, model: "demo-fast+no-prefill" } ] }
  no-rescue: { targets: [ { provider: sim, model: "demo-fast+cut-3" } ] }
  missing-done: { targets: [ { provider: sim, model: "demo-fast+nodone" } ] }
  context:
    targets:
      - { provider: sim, model: "demo-fast+ctx-len", contextWindow: 8000 }
      - { provider: sim2, model: "demo-fast+tokens-26", contextWindow: 4000 }
      - { provider: sim2, model: "demo-smart+tokens-27" }
  policy-reject: { targets: [ { provider: sim, model: "demo-fast+policy" }, { provider: sim2, model: "demo-smart+tokens-28" } ] }
  flapping: { targets: [ { provider: sim, model: "demo-fast+500+down-3000" }, { provider: sim2, model: "demo-smart+tokens-29" } ] }
  accounting: { targets: [ { provider: sim, model: "demo-fast+500+tokens-30" }, { provider: sim2, model: "demo-smart+tokens-31" } ] }
  auth-fail: { targets: [ { provider: sim, model: "demo-fast+401" }, { provider: sim2, model: "demo-smart+tokens-34" } ] }
  hedged:
    targets: [ { provider: sim, model: "demo-fast+slow-1500+tokens-32" }, { provider: sim2, model: "demo-smart+tokens-33" } ]
    hedge: { afterMs: 200 }
routing:
  breaker: { failureThreshold: 2, openMs: 1000 }
`;

let harness: TestGateway;
let simulator: Simulator;
let client: OpenAI;

beforeAll(async () => {
  harness = await startTestGateway({ yaml });
  simulator = harness.gateway.simulator as Simulator;
  client = harness.client();
});
afterAll(async () => {
  await harness?.stop();
});

const hello = (marker: string) => [{ role: 'user' as const, content: `hello ${marker}` }];
const seen = (model: string, marker: string): SimulatorRecord[] =>
  simulator.recordsFor(model).filter((record) => JSON.stringify(record.body).includes(marker));

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

async function failure(run: () => Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  try {
    await run();
  } catch (error) {
    if (error instanceof OpenAI.APIError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

/** Streams through the SDK and returns the text, the finish reason and the last chunk. */
async function streamText(model: string, marker: string) {
  const stream = await client.chat.completions.create({
    model,
    stream: true,
    stream_options: { include_usage: true },
    messages: hello(marker),
  });
  let text = '';
  let finish: string | null | undefined;
  let last: unknown;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta.content ?? '';
    finish = chunk.choices[0]?.finish_reason ?? finish;
    last = chunk;
  }
  return { text, finish, last: last as { switchyard?: { model: string; fallback_used: boolean } } };
}

describe('faults, with outcome, upstream attempts and wall time', () => {
  it('429 with Retry-After 2 s: waits at least 1.8 s, then succeeds on the same deployment (no tight loop)', async () => {
    const { value, ms } = await timed(() =>
      client.chat.completions.create({ model: 'ra2-once', messages: hello('a1') }).withResponse(),
    );
    expect(value.data.choices[0]?.finish_reason).toBe('stop');
    expect(ms).toBeGreaterThanOrEqual(1800);
    expect(ms).toBeLessThan(4000);
    const attempts = seen('demo-fast+429-ra2+times-1', 'a1');
    expect(attempts).toHaveLength(2);
    expect((attempts[1]?.receivedAt ?? 0) - (attempts[0]?.receivedAt ?? 0)).toBeGreaterThanOrEqual(1800);
    expect(value.response.headers.get('x-switchyard-attempts')).toBe('2');
  });

  it('persistent 429: one patient retry, then 429 with Retry-After for the caller', async () => {
    const { value: error, ms } = await timed(() =>
      failure(() => client.chat.completions.create({ model: 'ra2-always', messages: hello('a2') })),
    );
    expect(error.status).toBe(429);
    expect(error.headers?.get('retry-after')).toBe('2');
    expect(seen('demo-fast+429-ra2', 'a2')).toHaveLength(2);
    expect(ms).toBeGreaterThanOrEqual(1800);
    expect(ms).toBeLessThan(4000);
  });

  it('a rate-limited primary with a long Retry-After is skipped at once for the fallback', async () => {
    const { value, ms } = await timed(() =>
      client.chat.completions.create({ model: 'rate-limited-primary', messages: hello('a3') }).withResponse(),
    );
    expect(value.response.headers.get('x-switchyard-model')).toBe('sim2/demo-smart+tokens-21');
    expect(seen('demo-fast+429-ra30', 'a3')).toHaveLength(1);
    expect(ms).toBeLessThan(1000);
    // The primary now rests for its Retry-After: the next request goes straight to the fallback.
    await client.chat.completions.create({ model: 'rate-limited-primary', messages: hello('a3b') });
    expect(seen('demo-fast+429-ra30', 'a3b')).toHaveLength(0);
  });

  it('500 once: retried on the same deployment after a short backoff', async () => {
    const { value, ms } = await timed(() =>
      client.chat.completions.create({ model: 'err500-once', messages: hello('a4') }).withResponse(),
    );
    expect(value.response.headers.get('x-switchyard-model')).toBe('sim/demo-fast+500+times-1');
    expect(seen('demo-fast+500+times-1', 'a4')).toHaveLength(2);
    expect(ms).toBeGreaterThanOrEqual(50);
    expect(ms).toBeLessThan(1500);
  });

  it('persistent 503: retries with jittered backoff, then moves on to the fallback', async () => {
    const { value, ms } = await timed(() =>
      client.chat.completions.create({ model: 'overloaded', messages: hello('a5') }).withResponse(),
    );
    expect(value.response.headers.get('x-switchyard-model')).toBe('sim2/demo-smart+tokens-22');
    const primary = seen('demo-fast+503', 'a5');
    expect(primary.length).toBeGreaterThanOrEqual(2);
    expect(primary.length).toBeLessThanOrEqual(3);
    expect((primary[1]?.receivedAt ?? 0) - (primary[0]?.receivedAt ?? 0)).toBeGreaterThanOrEqual(50);
    expect(ms).toBeLessThan(2000);
  });

  it('reset before headers: the next deployment answers', async () => {
    const { value, ms } = await timed(() =>
      client.chat.completions.create({ model: 'reset-primary', messages: hello('a6') }).withResponse(),
    );
    expect(value.response.headers.get('x-switchyard-model')).toBe('sim2/demo-smart+tokens-23');
    expect(seen('demo-fast+reset', 'a6')).toHaveLength(1);
    expect(ms).toBeLessThan(1000);
  });

  it('no response at all: given up after the first-token limit, not retried there, the fallback answers', async () => {
    const { value, ms } = await timed(() =>
      client.chat.completions.create({ model: 'silent-primary', messages: hello('a7') }).withResponse(),
    );
    expect(value.response.headers.get('x-switchyard-model')).toBe('sim2/demo-smart+tokens-24');
    const primary = seen('demo-fast+silence', 'a7');
    expect(primary).toHaveLength(1);
    await simulator.waitFor((record) => record === primary[0] && record.aborted, 2000);
    expect(ms).toBeGreaterThanOrEqual(450);
    expect(ms).toBeLessThan(1500);
  });

  it('slow first token: over the limit fails over (streaming, invisibly); under it is just slow', async () => {
    const { value, ms } = await timed(() => streamText('slow-primary', 'a8'));
    expect(value.finish).toBe('stop');
    expect(value.last.switchyard?.model).toBe('sim2/demo-smart+tokens-25');
    expect(ms).toBeLessThan(1500);
    const fine = await timed(() => streamText('slow-but-fine', 'a8b'));
    expect(fine.value.finish).toBe('stop');
    expect(fine.ms).toBeGreaterThanOrEqual(300);
  });

  it('a stream cut mid-answer is continued on a fallback: one uninterrupted, complete answer', async () => {
    const reference = await client.chat.completions.create({
      model: 'sim2/demo-fast',
      messages: hello('a9'),
    });
    const { value, ms } = await timed(() => streamText('cut-rescued', 'a9'));
    expect(value.text).toBe(reference.choices[0]?.message.content);
    expect(value.finish).toBe('stop');
    expect(value.last.switchyard).toMatchObject({ model: 'sim2/demo-fast', fallback_used: true });
    expect(seen('demo-fast+cut-5', 'a9')).toHaveLength(1);
    const rescue = seen('demo-fast', 'a9').at(-1)?.body as {
      messages: Array<{ role: string; content: string }>;
    };
    expect(rescue.messages.at(-1)?.role).toBe('assistant');
    expect(ms).toBeLessThan(2000);
  });

  it('a stalled stream is continued after the idle limit', async () => {
    const reference = await client.chat.completions.create({
      model: 'sim2/demo-fast',
      messages: hello('a10'),
    });
    const { value, ms } = await timed(() => streamText('stall-rescued', 'a10'));
    expect(value.text).toBe(reference.choices[0]?.message.content);
    expect(ms).toBeGreaterThanOrEqual(350);
    expect(ms).toBeLessThan(2500);
  });

  it('a malformed chunk is treated as a failure and the answer is continued, nothing skipped', async () => {
    const reference = await client.chat.completions.create({
      model: 'sim2/demo-fast',
      messages: hello('a11'),
    });
    const { value } = await timed(() => streamText('malformed-rescued', 'a11'));
    expect(value.text).toBe(reference.choices[0]?.message.content);
  });

  it('a fallback that refuses the prefix never masks the original failure', async () => {
    const stream = await client.chat.completions.create({
      model: 'prefill-refused',
      stream: true,
      messages: hello('a12'),
    });
    const error = await failure(async () => {
      for await (const _chunk of stream) {
        // read until the in-band error
      }
    });
    expect(error.message).toMatch(/mid-stream|ended before/);
    expect(error.message).not.toMatch(/prefill/i);
    expect(seen('demo-fast+no-prefill', 'a12')).toHaveLength(1);
  });

  it('without a fallback that can continue, the cut ends in an in-band error, never a clean end', async () => {
    const stream = await client.chat.completions.create({
      model: 'no-rescue',
      stream: true,
      messages: hello('a13'),
    });
    await expect(
      (async () => {
        for await (const _chunk of stream) {
          // read until the in-band error
        }
      })(),
    ).rejects.toBeInstanceOf(OpenAI.APIError);
  });

  it('a missing [DONE] after a finished answer is not an error', async () => {
    const { value } = await timed(() => streamText('missing-done', 'a14'));
    expect(value.finish).toBe('stop');
    expect(seen('demo-fast+nodone', 'a14')).toHaveLength(1);
  });

  it('context length exceeded moves only to a larger-context model', async () => {
    const { value, ms } = await timed(() =>
      client.chat.completions.create({ model: 'context', messages: hello('a15') }).withResponse(),
    );
    expect(value.response.headers.get('x-switchyard-model')).toBe('sim2/demo-smart+tokens-27');
    expect(seen('demo-fast+ctx-len', 'a15')).toHaveLength(1);
    expect(seen('demo-fast+tokens-26', 'a15')).toHaveLength(0);
    expect(ms).toBeLessThan(1000);
  });

  it('a content-policy rejection is not retried and its reason reaches the caller', async () => {
    const { value: error, ms } = await timed(() =>
      failure(() => client.chat.completions.create({ model: 'policy-reject', messages: hello('a16') })),
    );
    expect(error.status).toBe(400);
    expect(error.code).toBe('content_policy_violation');
    expect(error.message).toMatch(/policy/i);
    expect(seen('demo-fast+policy', 'a16')).toHaveLength(1);
    expect(seen('demo-smart+tokens-28', 'a16')).toHaveLength(0);
    expect(ms).toBeLessThan(1000);
  });

  it('a 401 from upstream rests the deployment (and alerts); the fallback answers meanwhile', async () => {
    const first = await client.chat.completions
      .create({ model: 'auth-fail', messages: hello('a19') })
      .withResponse();
    expect(first.response.headers.get('x-switchyard-model')).toBe('sim2/demo-smart+tokens-34');
    expect(seen('demo-fast+401', 'a19')).toHaveLength(1);
    const second = await client.chat.completions
      .create({ model: 'auth-fail', messages: hello('a19b') })
      .withResponse();
    expect(second.response.headers.get('x-switchyard-attempts')).toBe('1');
    expect(seen('demo-fast+401', 'a19b')).toHaveLength(0);
  });

  it('failover accounting: the caller sees the fallback model and usage, and pays only for the fallback', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'accounting', messages: hello('a17') })
      .withResponse();
    expect(data.model).toBe('demo-smart+tokens-31');
    expect(response.headers.get('x-switchyard-model')).toBe('sim2/demo-smart+tokens-31');
    expect(response.headers.get('x-switchyard-fallback-used')).toBe('true');
    const usage = data.usage as NonNullable<typeof data.usage>;
    // demo-smart: 2.50 in / 10.00 out per million tokens.
    const expectedMicros = Math.round(usage.prompt_tokens * 2.5 + usage.completion_tokens * 10);
    expect(Math.round(Number(response.headers.get('x-switchyard-cost-usd')) * 1e6)).toBe(expectedMicros);
    await harness.flushLog();
    const row = await harness.gateway.app.store.requestLog.findById(
      response.headers.get('x-switchyard-request-id') as string,
    );
    expect(row?.costMicros).toBe(expectedMicros);
    expect(row?.attempts).toBe(2);
  });

  it('hedging: a slow primary is raced after the hedge delay; the loser is cancelled', async () => {
    const { value, ms } = await timed(() =>
      client.chat.completions.create({ model: 'hedged', messages: hello('a18') }).withResponse(),
    );
    expect(value.response.headers.get('x-switchyard-model')).toBe('sim2/demo-smart+tokens-33');
    expect(ms).toBeGreaterThanOrEqual(180);
    expect(ms).toBeLessThan(1200);
    const loser = seen('demo-fast+slow-1500+tokens-32', 'a18');
    expect(loser).toHaveLength(1);
    await simulator.waitFor((record) => record === loser[0] && record.aborted, 2000);
  });
});

describe('circuit breaker', () => {
  it('a primary that flaps down then up: breaker opens, fallback serves, primary recovers within 30 s', async () => {
    const started = Date.now();
    const served: Array<{ at: number; model: string | null }> = [];
    let recoveredAt: number | undefined;
    for (let index = 0; index < 150 && recoveredAt === undefined; index++) {
      const { response } = await client.chat.completions
        .create({ model: 'flapping', messages: hello(`b${index}`) })
        .withResponse();
      const model = response.headers.get('x-switchyard-model');
      served.push({ at: Date.now() - started, model });
      if (model === 'sim/demo-fast+500+down-3000') recoveredAt = Date.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(recoveredAt).toBeDefined();
    expect(recoveredAt as number).toBeLessThan(30_000);
    expect(recoveredAt as number).toBeGreaterThanOrEqual(2900);
    const fallbackServed = served.filter((entry) => entry.model === 'sim2/demo-smart+tokens-29').length;
    expect(fallbackServed).toBeGreaterThan(5);
    // While open, the primary is left alone: far fewer primary attempts than requests served by the fallback.
    const primaryAttempts = simulator.recordsFor('demo-fast+500+down-3000').length;
    expect(primaryAttempts).toBeLessThan(fallbackServed / 2 + 3);
    expect(harness.gateway.app.router.deployments.get('sim/demo-fast+500+down-3000')).toBeDefined();
  }, 40_000);
});
