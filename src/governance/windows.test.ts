import { describe, expect, it } from 'vitest';
import { budgetWindow, WindowClock } from './windows.js';

const at = (iso: string) => Date.parse(iso);

describe('budgetWindow', () => {
  it('day: the UTC calendar day, ending at the next UTC midnight', () => {
    const late = budgetWindow('day', at('2026-11-25T23:59:59.999Z'));
    expect(late).toEqual({
      id: '20261125',
      startsAt: at('2026-11-25T00:00:00Z'),
      expiresAt: at('2026-11-26T00:00:00Z'),
    });
    expect(budgetWindow('day', at('2026-11-26T00:00:00Z')).id).toBe('20261126');
    expect(budgetWindow('day', at('2026-01-05T12:00:00Z')).id).toBe('20260105');
  });

  it('month: the UTC calendar month, rolling over into January of the next year', () => {
    expect(budgetWindow('month', at('2026-12-31T23:59:59.999Z'))).toEqual({
      id: '202612',
      startsAt: at('2026-12-01T00:00:00Z'),
      expiresAt: at('2027-01-01T00:00:00Z'),
    });
    expect(budgetWindow('month', at('2027-01-01T00:00:00Z'))).toEqual({
      id: '202701',
      startsAt: at('2027-01-01T00:00:00Z'),
      expiresAt: at('2027-02-01T00:00:00Z'),
    });
    expect(budgetWindow('day', at('2026-12-31T23:59:59.999Z')).expiresAt).toBe(at('2027-01-01T00:00:00Z'));
  });

  it('handles the leap day', () => {
    expect(budgetWindow('day', at('2028-02-29T08:00:00Z'))).toEqual({
      id: '20280229',
      startsAt: at('2028-02-29T00:00:00Z'),
      expiresAt: at('2028-03-01T00:00:00Z'),
    });
    expect(budgetWindow('month', at('2028-02-29T08:00:00Z')).expiresAt).toBe(at('2028-03-01T00:00:00Z'));
    expect(budgetWindow('month', at('2027-02-15T08:00:00Z')).expiresAt).toBe(at('2027-03-01T00:00:00Z'));
  });

  it('total: one window for all time', () => {
    expect(budgetWindow('total', at('2026-11-25T10:00:00Z'))).toEqual({
      id: 'all',
      startsAt: 0,
      expiresAt: Number.MAX_SAFE_INTEGER,
    });
  });
});

describe('WindowClock', () => {
  it('reuses the current window until its end, then moves to the next', () => {
    const clock = new WindowClock();
    const first = clock.at('day', at('2026-11-25T00:00:00Z'));
    expect(clock.at('day', at('2026-11-25T23:59:59.999Z'))).toBe(first);
    expect(clock.at('day', at('2026-11-26T00:00:00Z')).id).toBe('20261126');
    // Going back (a clock step) gives the right window again, not the cached one.
    expect(clock.at('day', at('2026-11-25T12:00:00Z')).id).toBe('20261125');
    expect(clock.at('month', at('2026-11-25T12:00:00Z')).id).toBe('202611');
  });
});
