import { describe, expect, it } from 'vitest';
import { readGeminiCredential } from './read-credential.js';

function head(headers: Record<string, string | string[]>, query = '') {
  return { headers, query: new URLSearchParams(query) };
}

describe('readGeminiCredential', () => {
  it('reads x-goog-api-key first, then a Bearer token, then ?key=', () => {
    expect(readGeminiCredential(head({ 'x-goog-api-key': 'sy_a' }, 'key=sy_q'))).toBe('sy_a');
    expect(readGeminiCredential(head({ authorization: 'Bearer sy_b' }, 'key=sy_q'))).toBe('sy_b');
    expect(readGeminiCredential(head({}, 'key=sy_q&alt=sse'))).toBe('sy_q');
    expect(readGeminiCredential(head({ 'x-goog-api-key': ['sy_c', 'sy_d'] }))).toBe('sy_c');
  });

  it('returns undefined when there is no usable credential', () => {
    expect(readGeminiCredential(head({}))).toBeUndefined();
    expect(readGeminiCredential(head({ authorization: 'Basic abc' }, 'key='))).toBeUndefined();
    expect(readGeminiCredential(head({ 'x-goog-api-key': '  ' }))).toBeUndefined();
  });
});
