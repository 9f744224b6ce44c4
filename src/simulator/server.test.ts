import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator } from './index.js';
import { chatBody, postJson, sdkClient } from './test-helpers.js';
import type { Simulator, SimulatorRecord } from './types.js';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
});
afterAll(() => simulator.close());
beforeEach(() => simulator.reset());

async function control(method: string, path: string) {
  const response = await request(`${simulator.url}${path}`, { method });
  return { status: response.statusCode, json: await response.body.json() };
}

describe('records', () => {
  it('records method, path, redacted headers, body, model, stream flag and timing', async () => {
    await postJson(simulator, '/v1/chat/completions', { ...chatBody('demo-fast'), temperature: 0.2 });
    const [record] = simulator.records();
    expect(record).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      model: 'demo-fast',
      stream: false,
      status: 200,
      aborted: false,
      body: { ...chatBody('demo-fast'), temperature: 0.2 },
    });
    expect(record?.headers.authorization).toBe('Bearer ***1234');
    expect(record?.headers['content-type']).toBe('application/json');
    expect(record?.fault).toBeUndefined();
    expect(record?.respondedAt).toBeGreaterThanOrEqual(record?.receivedAt ?? Number.POSITIVE_INFINITY);
    expect(record?.endedAt).toBeGreaterThanOrEqual(record?.respondedAt ?? Number.POSITIVE_INFINITY);
  });

  it("redacts other providers' key headers too", async () => {
    await request(`${simulator.url}/v1/models`, {
      headers: { 'x-api-key': 'secret-abcd', 'api-key': 'secret-wxyz' },
    });
    expect(simulator.records()[0]?.headers).toMatchObject({ 'x-api-key': '***abcd', 'api-key': '***wxyz' });
  });

  it('records unparsable bodies as raw text and filters by exact model', async () => {
    await postJson(simulator, '/v1/chat/completions', 'not json');
    await postJson(simulator, '/v1/chat/completions', chatBody('m1'));
    await postJson(simulator, '/v1/chat/completions', chatBody('m1+tokens-3'));
    expect(simulator.records()[0]?.body).toBe('not json');
    expect(simulator.recordsFor('m1')).toHaveLength(1);
    expect(simulator.recordsFor('m1+tokens-3')).toHaveLength(1);
  });

  it('waitFor resolves for a future request and rejects after its timeout', async () => {
    const waiting = simulator.waitFor((record) => record.model === 'later');
    await postJson(simulator, '/v1/chat/completions', chatBody('later'));
    expect((await waiting).model).toBe('later');
    await expect(simulator.waitFor((record) => record.model === 'never', 50)).rejects.toThrow(/within 50 ms/);
  });

  it('keeps only the newest maxRecords records', async () => {
    const small = await startSimulator({ port: 0, maxRecords: 3 });
    try {
      for (const name of ['a', 'b', 'c', 'd', 'e'])
        await postJson(small, '/v1/chat/completions', chatBody(name));
      expect(small.records().map((record: SimulatorRecord) => record.model)).toEqual(['c', 'd', 'e']);
      expect(small.records().map((record) => record.id)).toEqual([3, 4, 5]);
    } finally {
      await small.close();
    }
  });
});

describe('control endpoints', () => {
  it('serves health, lists and clears requests, and resets fault counters', async () => {
    expect(await control('GET', '/_sim/health')).toEqual({ status: 200, json: { status: 'ok' } });
    await postJson(simulator, '/v1/chat/completions', chatBody('demo+429+times-1'));
    const listed = await control('GET', '/_sim/requests');
    expect(listed.json).toEqual([
      expect.objectContaining({ model: 'demo+429+times-1', status: 429, fault: '429' }),
    ]);
    expect((await control('DELETE', '/_sim/requests')).status).toBe(200);
    expect((await control('GET', '/_sim/requests')).json).toEqual([]);
    expect(simulator.records()).toEqual([]);
    // The counter survived clearing records but not a reset.
    expect((await postJson(simulator, '/v1/chat/completions', chatBody('demo+429+times-1'))).status).toBe(
      200,
    );
    await control('POST', '/_sim/reset');
    expect((await postJson(simulator, '/v1/chat/completions', chatBody('demo+429+times-1'))).status).toBe(
      429,
    );
    expect(simulator.records()).toHaveLength(1);
  });
});

describe('routing', () => {
  it('lists demo models and retrieves one through the SDK', async () => {
    const client = sdkClient(simulator);
    const models = [];
    for await (const model of client.models.list()) models.push(model.id);
    expect(models).toContain('demo-fast');
    expect(await client.models.retrieve('demo-fast')).toMatchObject({ id: 'demo-fast', object: 'model' });
  });

  it('answers unknown paths with a 404 OpenAI envelope and an x-request-id', async () => {
    const response = await postJson(simulator, '/v1/nothing-here', {});
    expect(response.status).toBe(404);
    expect(response.json).toEqual({
      error: {
        message: 'Invalid URL (POST /v1/nothing-here)',
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    });
    expect(response.headers['x-request-id']).toBeDefined();
  });

  it('requires the configured API key when requireApiKey is set', async () => {
    const guarded = await startSimulator({ port: 0, requireApiKey: 'sk-right-key' });
    try {
      const wrong = await postJson(guarded, '/v1/chat/completions', chatBody('demo-fast'));
      expect(wrong.status).toBe(401);
      expect(wrong.json).toMatchObject({ error: { code: 'invalid_api_key', type: 'invalid_request_error' } });
      const right = await sdkClient(guarded, 'sk-right-key').chat.completions.create(chatBody('demo-fast'));
      expect(right.object).toBe('chat.completion');
      expect(guarded.records().map((record) => record.status)).toEqual([401, 200]);
    } finally {
      await guarded.close();
    }
  });

  it('close() drops connections held open by silence', async () => {
    const closing = await startSimulator({ port: 0 });
    const pending = fetch(`${closing.url}/v1/chat/completions`, {
      method: 'POST',
      body: JSON.stringify(chatBody('x+silence')),
    });
    await closing.waitFor((record) => record.model === 'x+silence');
    await closing.close();
    await expect(pending).rejects.toThrow();
  });
});
