import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FaultState, type ParsedModel, parseModel } from './faults.js';
import { startSimulator } from './index.js';
import { chatBody, postJson } from './test-helpers.js';
import type { Simulator } from './types.js';

function parsed(model: string): ParsedModel {
  const result = parseModel(model);
  if (typeof result === 'string') throw new Error(result);
  return result;
}

describe('parseModel', () => {
  it('splits the base name from fault, shaping and modifier directives', () => {
    expect(parsed('demo-fast')).toEqual({ base: 'demo-fast', fault: {}, faultName: undefined });
    expect(parsed('x+429-ra2+times-3')).toMatchObject({
      base: 'x',
      fault: { status: 429, retryAfterSeconds: 2 },
      faultName: '429-ra2',
      times: 3,
    });
    expect(parsed('x+cut-5+slow-100+tokens-9+cached-4+reasoning-2+down-50+every-3')).toMatchObject({
      fault: { cutAfter: 5, slowMs: 100 },
      faultName: 'cut-5+slow-100',
      tokens: 9,
      cached: 4,
      reasoning: 2,
      downMs: 50,
      every: 3,
    });
    expect(parsed('x+reset').fault.reset).toBe(true);
    expect(parsed('x+ctx-len+policy+no-prefill+nodone+silence').fault).toEqual({
      contextLength: true,
      policy: true,
      noPrefill: true,
      noDone: true,
      silence: true,
    });
    expect(parsed('x+stall-2+malformed-1+delay-5').fault).toEqual({
      stallAfter: 2,
      malformedAfter: 1,
      delayMs: 5,
    });
  });

  it('rejects unknown directives', () => {
    expect(parseModel('x+teapot')).toMatch(/Unknown simulator directive 'teapot'/);
    expect(parseModel('x+every-0')).toMatch(/every-0/);
    expect(parseModel('x+200')).toMatch(/'200'/);
  });
});

describe('FaultState', () => {
  it('applies times-N to the first N requests of the exact model string', () => {
    const state = new FaultState();
    const model = parsed('x+500+times-2');
    expect([1, 2, 3].map(() => state.apply('x+500+times-2', model, 0).name)).toEqual([
      '500',
      '500',
      undefined,
    ]);
    state.clear();
    expect(state.apply('x+500+times-2', model, 0).name).toBe('500');
  });

  it('applies every-N to every N-th request and down-MS to a window after the first request', () => {
    const state = new FaultState();
    const every = parsed('x+503+every-3');
    expect([1, 2, 3, 4, 5, 6].map(() => state.apply('x+503+every-3', every, 0).name)).toEqual([
      undefined,
      undefined,
      '503',
      undefined,
      undefined,
      '503',
    ]);
    const down = parsed('x+503+down-100');
    expect(state.apply('x+503+down-100', down, 1000).name).toBe('503');
    expect(state.apply('x+503+down-100', down, 1099).name).toBe('503');
    expect(state.apply('x+503+down-100', down, 1100).name).toBeUndefined();
  });
});

describe('fault modifiers over HTTP', () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startSimulator({ port: 0 });
  });
  afterAll(() => simulator.close());
  beforeEach(() => simulator.reset());

  it('times-1: the first request fails, the second succeeds; reset() starts over', async () => {
    const model = 'demo+500+times-1';
    expect((await postJson(simulator, '/v1/chat/completions', chatBody(model))).status).toBe(500);
    expect((await postJson(simulator, '/v1/chat/completions', chatBody(model))).status).toBe(200);
    expect(simulator.recordsFor(model).map((record) => [record.status, record.fault])).toEqual([
      [500, '500'],
      [200, undefined],
    ]);
    simulator.reset();
    expect(simulator.records()).toEqual([]);
    expect((await postJson(simulator, '/v1/chat/completions', chatBody(model))).status).toBe(500);
  });

  it('down-300: fails during the first 300 ms, then recovers', async () => {
    const model = 'demo+503+down-300';
    expect((await postJson(simulator, '/v1/chat/completions', chatBody(model))).status).toBe(503);
    expect((await postJson(simulator, '/v1/chat/completions', chatBody(model))).status).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 320));
    expect((await postJson(simulator, '/v1/chat/completions', chatBody(model))).status).toBe(200);
  });

  it('counts each exact model string separately', async () => {
    expect((await postJson(simulator, '/v1/chat/completions', chatBody('a+429+times-1'))).status).toBe(429);
    expect((await postJson(simulator, '/v1/chat/completions', chatBody('b+429+times-1'))).status).toBe(429);
    expect((await postJson(simulator, '/v1/chat/completions', chatBody('a+429+times-1'))).status).toBe(200);
  });
});
