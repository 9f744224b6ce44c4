import { describe, expect, it } from 'vitest';
import type { CanonRequest } from '../../canon/index.js';
import type { RequestContext } from '../context.js';
import { createStrictModeStage } from './strict-mode.js';

function contextWith(headers: Record<string, string>, strict?: boolean): RequestContext {
  const request: CanonRequest = {
    model: 'm',
    messages: [],
    sampling: {},
    stream: false,
    streamUsage: false,
    vendor: {},
  };
  if (strict !== undefined) request.strict = strict;
  return { head: { headers, query: new URLSearchParams() }, request } as unknown as RequestContext;
}

async function strictAfter(stage: ReturnType<typeof createStrictModeStage>, context: RequestContext) {
  await stage.run(context, async () => ({ kind: 'response', response: undefined as never }));
  return context.request?.strict;
}

describe('strict-mode stage', () => {
  it('uses the configured default when neither body nor header says', async () => {
    expect(await strictAfter(createStrictModeStage(true), contextWith({}))).toBe(true);
    expect(await strictAfter(createStrictModeStage(false), contextWith({}))).toBeUndefined();
  });

  it('lets the header override the default, and the body override both', async () => {
    expect(
      await strictAfter(createStrictModeStage(false), contextWith({ 'x-switchyard-strict': 'true' })),
    ).toBe(true);
    expect(
      await strictAfter(createStrictModeStage(true), contextWith({ 'x-switchyard-strict': 'false' })),
    ).toBeUndefined();
    expect(
      await strictAfter(createStrictModeStage(true), contextWith({ 'x-switchyard-strict': 'true' }, false)),
    ).toBe(false);
  });

  it('rejects a header value that is not a boolean, naming the header', async () => {
    await expect(
      strictAfter(createStrictModeStage(false), contextWith({ 'x-switchyard-strict': 'maybe' })),
    ).rejects.toMatchObject({ status: 400, details: { param: 'x-switchyard-strict' } });
  });
});
