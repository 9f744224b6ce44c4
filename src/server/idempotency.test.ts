import { describe, expect, it } from 'vitest';
import {
  fingerprintOf,
  IdempotencyCache,
  type IdempotencyDecision,
  type RecordedAnswer,
} from './idempotency.js';

const answer = (text: string, status = 200): RecordedAnswer => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: Buffer.from(text),
});

function run(decision: IdempotencyDecision) {
  if (decision.action !== 'run') throw new Error(`expected run, got ${decision.action}`);
  return decision;
}

/** Lets pending promise callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('IdempotencyCache', () => {
  it('replays a completed answer for the same request', async () => {
    const cache = new IdempotencyCache();
    const first = answer('{"id":1}');
    run(await cache.begin('k1:abc', 'fp')).complete(first);
    expect(await cache.begin('k1:abc', 'fp')).toEqual({ action: 'replay', answer: first });
    // Another scope (another key) with the same Idempotency-Key is a different request.
    expect((await cache.begin('k2:abc', 'fp')).action).toBe('run');
  });

  it('refuses a reused key with a different request, while running and after', async () => {
    const cache = new IdempotencyCache();
    const original = run(await cache.begin('s', 'fp-a'));
    expect(await cache.begin('s', 'fp-b')).toEqual({ action: 'mismatch' });
    original.complete(answer('ok'));
    expect(await cache.begin('s', 'fp-b')).toEqual({ action: 'mismatch' });
  });

  it('a retry waits for the running original, then replays its answer', async () => {
    const cache = new IdempotencyCache();
    const original = run(await cache.begin('s', 'fp'));
    let decided: IdempotencyDecision | undefined;
    const retry = cache.begin('s', 'fp').then((decision) => {
      decided = decision;
      return decision;
    });
    await settle();
    expect(decided).toBeUndefined();
    const kept = answer('done');
    original.complete(kept);
    expect(await retry).toEqual({ action: 'replay', answer: kept });
  });

  it('does not keep a failure: a waiting retry and a later one run again', async () => {
    const cache = new IdempotencyCache();
    const original = run(await cache.begin('s', 'fp'));
    const retry = cache.begin('s', 'fp');
    original.complete(undefined);
    const second = run(await retry);
    expect(cache.size).toBe(1);
    // While the retry runs, a third request waits for it in turn.
    const third = cache.begin('s', 'fp');
    second.complete(undefined);
    run(await third).complete(undefined);
    expect(cache.size).toBe(0);
  });

  it('forgets an answer after its time to live', async () => {
    let now = 1_000;
    const cache = new IdempotencyCache({ ttlMs: 500, now: () => now });
    run(await cache.begin('s', 'fp')).complete(answer('a'));
    now = 1_499;
    expect((await cache.begin('s', 'fp')).action).toBe('replay');
    now = 1_500;
    run(await cache.begin('s', 'fp')).complete(answer('b'));
    expect(await cache.begin('s', 'fp')).toEqual({ action: 'replay', answer: answer('b') });
  });

  it('drops the oldest answers over maxEntries, and expired ones first', async () => {
    let now = 0;
    const cache = new IdempotencyCache({ maxEntries: 2, ttlMs: 1_000, now: () => now });
    for (const scope of ['a', 'b', 'c']) run(await cache.begin(scope, 'fp')).complete(answer(scope));
    expect(cache.size).toBe(2);
    expect((await cache.begin('b', 'fp')).action).toBe('replay');
    expect((await cache.begin('c', 'fp')).action).toBe('replay');
    run(await cache.begin('a', 'fp')).complete(answer('a again'));
    // 'b' was the oldest answer kept.
    expect((await cache.begin('b', 'fp')).action).toBe('run');
    // Expired answers go when the next one is stored, even under the cap.
    const roomy = new IdempotencyCache({ maxEntries: 10, ttlMs: 1_000, now: () => now });
    run(await roomy.begin('old', 'fp')).complete(answer('old'));
    now += 2_000;
    run(await roomy.begin('new', 'fp')).complete(answer('new'));
    expect(roomy.size).toBe(1);
  });

  it('an answer in progress is never evicted to make room', async () => {
    const cache = new IdempotencyCache({ maxEntries: 1 });
    const running = run(await cache.begin('slow', 'fp'));
    run(await cache.begin('fast', 'fp')).complete(answer('fast'));
    expect(await cache.begin('slow', 'other')).toEqual({ action: 'mismatch' });
    running.complete(answer('slow'));
    expect((await cache.begin('slow', 'fp')).action).toBe('replay');
  });

  it('does not keep an answer larger than maxAnswerBytes', async () => {
    const cache = new IdempotencyCache({ maxAnswerBytes: 4 });
    run(await cache.begin('big', 'fp')).complete(answer('12345'));
    expect((await cache.begin('big', 'fp')).action).toBe('run');
    const small = new IdempotencyCache({ maxAnswerBytes: 4 });
    run(await small.begin('s', 'fp')).complete(answer('1234'));
    expect((await small.begin('s', 'fp')).action).toBe('replay');
  });
});

describe('fingerprintOf', () => {
  it('differs by path and by body, and is stable for the same request', () => {
    const body = { model: 'fast', messages: [{ role: 'user', content: 'hi' }] };
    expect(fingerprintOf('/v1/chat/completions', body)).toBe(
      fingerprintOf('/v1/chat/completions', { ...body }),
    );
    expect(fingerprintOf('/v1/chat/completions', body)).not.toBe(fingerprintOf('/v1/responses', body));
    expect(fingerprintOf('/v1/chat/completions', body)).not.toBe(
      fingerprintOf('/v1/chat/completions', { ...body, model: 'smart' }),
    );
  });
});
