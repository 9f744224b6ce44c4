import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Secret } from './secret.js';

const value = 'sk-live-1234567890abcdef';

describe('Secret', () => {
  const secret = new Secret(value);

  it('reveals the value only when asked', () => {
    expect(secret.reveal()).toBe(value);
  });

  it('redacts through JSON.stringify, also when nested', () => {
    expect(JSON.stringify(secret)).toBe('"[redacted]"');
    const logged = JSON.stringify({ provider: { name: 'openai', apiKey: secret } });
    expect(logged).toBe('{"provider":{"name":"openai","apiKey":"[redacted]"}}');
    expect(logged).not.toContain(value);
  });

  it('redacts through util.inspect (console.log), also when nested', () => {
    expect(inspect(secret)).toBe('[redacted]');
    const inspected = inspect({ apiKey: secret, list: [secret] }, { depth: 5, showHidden: true });
    expect(inspected).not.toContain(value);
    expect(inspected).toContain('[redacted]');
  });

  it('redacts through template strings, concatenation and String()', () => {
    expect(`key=${secret}`).toBe('key=[redacted]');
    expect(`${'key='}${secret}`).not.toContain(value);
    expect(String(secret)).toBe('[redacted]');
    expect(`${secret}`).toBe('[redacted]');
    // biome-ignore lint/style/useTemplate: concatenation is the case under test
    expect('key=' + secret).toBe('key=[redacted]');
  });

  it('keeps the value out of enumerable properties', () => {
    expect(Object.keys(secret)).toEqual([]);
    expect(Object.values(secret)).not.toContain(value);
  });
});
