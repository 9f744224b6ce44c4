import { describe, expect, it } from 'vitest';
import { sanitizeToolCallId } from './sanitize-tool-call-id.js';

describe('sanitizeToolCallId', () => {
  it('keeps valid ids unchanged', () => {
    for (const id of ['toolu_01A09q90qw90lq917835lq9', 'call_abc', 'a-b_C9'])
      expect(sanitizeToolCallId(id)).toBe(id);
  });

  it('makes any id valid, deterministically and without collisions between near-identical ids', () => {
    const ids = ['call|fc_1', 'call:fc_1', 'call.fc_1', 'call fc_1', '', 'ü', 'functions.get_weather:0'];
    const sanitized = ids.map(sanitizeToolCallId);
    for (const id of sanitized) expect(id).toMatch(/^[a-zA-Z0-9_-]+$/);
    expect(new Set(sanitized).size).toBe(ids.length);
    expect(ids.map(sanitizeToolCallId)).toEqual(sanitized);
    expect(sanitizeToolCallId('call|fc_1').startsWith('call_fc_1_')).toBe(true);
  });
});
