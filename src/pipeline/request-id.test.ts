import { describe, expect, it } from 'vitest';
import { createRequestId } from './request-id.js';

describe('createRequestId', () => {
  it('is a version-7 UUID carrying the timestamp', () => {
    const now = Date.UTC(2026, 10, 25, 10, 0, 0, 123);
    const id = createRequestId(now);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(now);
  });

  it('sorts by creation order, also within one millisecond, and does not repeat', () => {
    const ids = Array.from({ length: 5000 }, (_, index) =>
      createRequestId(1_800_000_000_000 + Math.floor(index / 1000)),
    );
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is well formed for the epoch itself and keeps the time part per millisecond', () => {
    expect(createRequestId(0)).toMatch(/^00000000-0000-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const a = createRequestId(1_800_000_000_001);
    const b = createRequestId(1_800_000_000_002);
    expect(Number.parseInt(a.replace(/-/g, '').slice(0, 12), 16)).toBe(1_800_000_000_001);
    expect(Number.parseInt(b.replace(/-/g, '').slice(0, 12), 16)).toBe(1_800_000_000_002);
  });
});
