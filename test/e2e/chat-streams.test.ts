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

const hello = [{ role: 'user' as const, content: 'hello there' }];

/** Streams raw SSE from the gateway and returns the data payloads in order. */
async function rawStream(model: string, extra: Record<string, unknown> = {}) {
  const response = await request(`${harness.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${harness.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, stream: true, messages: hello, ...extra }),
  });
  const text = await response.body.text();
  const payloads = text
    .split('\n\n')
    .filter((block) => block.startsWith('data: '))
    .map((block) => block.slice(6));
  return { status: response.statusCode, headers: response.headers, payloads };
}

async function waitForLogRow(id: string) {
  for (let tries = 0; tries < 50; tries++) {
    await harness.flushLog();
    const row = await harness.gateway.app.store.requestLog.findById(id);
    if (row) return row;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no log row for ${id}`);
}

describe('streams that fail visibly', () => {
  it('an upstream cut after the first tokens ends in an in-band error and no [DONE]', async () => {
    const { status, payloads, headers } = await rawStream('sim/demo-fast+cut-3');
    expect(status).toBe(200);
    expect(payloads).not.toContain('[DONE]');
    const last = JSON.parse(payloads.at(-1) as string) as { error?: { type: string; message: string } };
    expect(last.error?.type).toBe('server_error');
    expect(last.error?.message).toMatch(/mid-stream|ended before/);
    const row = await waitForLogRow(String(headers['x-switchyard-request-id']));
    expect(row.outcome).toBe('incomplete');
    expect(row.errorKind).toBeTruthy();
  });

  it('the SDK sees the cut as an error, never as a clean end', async () => {
    const stream = await harness
      .client()
      .chat.completions.create({ model: 'sim/demo-fast+cut-3', stream: true, messages: hello });
    let received = '';
    await expect(
      (async () => {
        for await (const chunk of stream) received += chunk.choices[0]?.delta.content ?? '';
      })(),
    ).rejects.toBeInstanceOf(OpenAI.APIError);
    expect(received.length).toBeGreaterThan(0);
  });

  it('a stall after commit becomes an in-band timeout error', async () => {
    const { payloads } = await rawStream('stalls');
    const last = JSON.parse(payloads.at(-1) as string) as { error?: { message: string; code: string } };
    expect(last.error?.code).toBe('upstream_timeout');
    expect(last.error?.message).toContain('stalled');
    expect(payloads).not.toContain('[DONE]');
  });

  it('a malformed chunk is an error, not silently skipped content', async () => {
    const { payloads } = await rawStream('sim/demo-fast+malformed-2');
    const last = JSON.parse(payloads.at(-1) as string) as { error?: { message: string } };
    expect(last.error?.message).toContain('malformed');
    expect(payloads).not.toContain('[DONE]');
  });

  it('an upstream that finishes but omits [DONE] still gives the caller a complete stream', async () => {
    const { payloads } = await rawStream('sim/demo-fast+nodone', { stream_options: { include_usage: true } });
    expect(payloads.at(-1)).toBe('[DONE]');
    const chunks = payloads
      .slice(0, -1)
      .map((payload) => JSON.parse(payload) as { choices: Array<{ finish_reason: string | null }> });
    expect(chunks.some((chunk) => chunk.choices[0]?.finish_reason === 'stop')).toBe(true);
  });

  it('an upstream failing before its first token gives a normal error status, not a broken 200', async () => {
    const response = await request(`${harness.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${harness.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'sim/demo-fast+503', stream: true, messages: hello }),
    });
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toContain('application/json');
    await response.body.dump();
  });

  it('a stream that fails before commit on one deployment is served by the next, invisibly', async () => {
    const { payloads, headers } = await rawStream('flaky');
    expect(payloads.at(-1)).toBe('[DONE]');
    expect(headers['x-switchyard-fallback-used']).toBe('true');
    expect(headers['x-switchyard-model']).toBe('sim2/demo-smart');
  });

  it('a client that disconnects cancels the upstream request at once and is logged as aborted', async () => {
    const simulator = harness.gateway.simulator;
    if (!simulator) throw new Error('no simulator');
    const controller = new AbortController();
    const stream = await harness.client().chat.completions.create(
      {
        model: 'sim/demo-fast+delay-100+tokens-200',
        stream: true,
        messages: [{ role: 'user', content: 'abort-me' }],
      },
      { signal: controller.signal },
    );
    let chunks = 0;
    const abortedAt = { at: 0 };
    try {
      for await (const _chunk of stream) {
        chunks++;
        if (chunks === 3) {
          abortedAt.at = Date.now();
          controller.abort();
        }
      }
    } catch {
      // expected: the SDK reports the abort
    }
    const record = await simulator.waitFor(
      (entry) =>
        JSON.stringify(entry.body).includes('abort-me') && entry.aborted && entry.endedAt !== undefined,
      3000,
    );
    expect((record.endedAt as number) - abortedAt.at).toBeLessThan(1000);
  });
});

describe('keys', () => {
  it('a revoked key is refused within a second', async () => {
    const created = await harness.createKey({ name: 'soon-revoked' });
    const client = harness.client({ key: created.key });
    await client.chat.completions.create({ model: 'chat', messages: hello });
    // Revoke through a second store connection, as the CLI in another process would.
    const { openStore } = await import('../../src/store/index.js');
    const { createKeyService } = await import('../../src/auth/index.js');
    const other = await openStore({ dataDir: harness.dataDir });
    await createKeyService(other.keys).revoke(created.id);
    await other.close();
    const revokedAt = Date.now();
    let status = 200;
    while (Date.now() - revokedAt < 2000) {
      try {
        await client.chat.completions.create({ model: 'chat', messages: hello });
      } catch (error) {
        status = (error as { status: number }).status;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe(401);
    expect(Date.now() - revokedAt).toBeLessThan(1000);
  });

  it('an expired key is refused', async () => {
    const created = await harness.createKey({ expiresAt: Date.now() + 300 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    await expect(
      harness.client({ key: created.key }).chat.completions.create({ model: 'chat', messages: hello }),
    ).rejects.toMatchObject({
      status: 401,
    });
  });
});

describe('request log', () => {
  it('writes one row per request with tokens, cost, latency and attempts', async () => {
    const { data, response } = await harness
      .client()
      .chat.completions.create({ model: 'flaky', messages: hello, user: 'u-42' })
      .withResponse();
    const row = await waitForLogRow(response.headers.get('x-switchyard-request-id') as string);
    expect(row).toMatchObject({
      requestedModel: 'flaky',
      provider: 'sim2',
      servedModel: 'demo-smart',
      status: 200,
      outcome: 'success',
      attempts: 2,
      fallbackUsed: true,
      inputTokens: data.usage?.prompt_tokens,
      outputTokens: data.usage?.completion_tokens,
      endUser: 'u-42',
      usageEstimated: false,
    });
    expect(row.costMicros).toBeGreaterThan(0);
    const attempts = JSON.parse(row.attemptsJson as string) as Array<{ errorKind?: string; outcome: string }>;
    expect(attempts.map((attempt) => attempt.outcome)).toEqual(['failure', 'success']);
    expect(attempts[0]?.errorKind).toBe('upstream_unavailable');
  });

  it('logs failures too, with the error kind', async () => {
    const response = await request(`${harness.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${harness.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'no-such-model', messages: hello }),
    });
    await response.body.dump();
    const row = await waitForLogRow(String(response.headers['x-switchyard-request-id']));
    expect(row).toMatchObject({
      status: 404,
      outcome: 'error',
      errorKind: 'model_not_found',
      costMicros: null,
    });
  });
});
