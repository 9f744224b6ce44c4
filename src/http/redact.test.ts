import { describe, expect, it } from 'vitest';
import { redactHeaders, truncateForLog } from './redact.js';

describe('redactHeaders', () => {
  it('replaces credential headers in any case and keeps the rest', () => {
    const headers = {
      Authorization: 'Bearer sk-live-123',
      'x-api-key': 'sk-ant-456',
      'API-Key': 'azure-789',
      'x-goog-api-key': 'goog-000',
      'Proxy-Authorization': 'Basic abc',
      cookie: 'session=1',
      'content-type': 'application/json',
      'anthropic-version': '2023-06-01',
    };
    const redacted = redactHeaders(headers);
    expect(redacted).toStrictEqual({
      Authorization: '[redacted]',
      'x-api-key': '[redacted]',
      'API-Key': '[redacted]',
      'x-goog-api-key': '[redacted]',
      'Proxy-Authorization': '[redacted]',
      cookie: '[redacted]',
      'content-type': 'application/json',
      'anthropic-version': '2023-06-01',
    });
    expect(headers.Authorization).toBe('Bearer sk-live-123');
  });
});

describe('truncateForLog', () => {
  it('keeps short text and cuts long text with a marker', () => {
    expect(truncateForLog('short')).toBe('short');
    expect(truncateForLog('a'.repeat(2000))).toBe('a'.repeat(2000));
    expect(truncateForLog('abcdefghij', 4)).toBe('abcd… [6 more characters]');
    expect(truncateForLog('x'.repeat(2500))).toBe(`${'x'.repeat(2000)}… [500 more characters]`);
  });

  it('never splits a surrogate pair', () => {
    expect(truncateForLog('ab😀cd', 3)).toBe('ab… [4 more characters]');
  });
});
