// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are ${VAR} references under test, not templates
import { describe, expect, it } from 'vitest';
import { interpolateEnvironment, interpolateString } from './interpolate.js';
import { protectReferences, restoreReferences } from './reference-guard.js';

describe('interpolateString', () => {
  const env = { KEY: 'abc', EMPTY: '', ODD: 'a: "b" # c, {d}' };

  it.each([
    ['${KEY}', 'abc'],
    ['Bearer ${KEY}!', 'Bearer abc!'],
    ['${KEY}${KEY}', 'abcabc'],
    ['${MISSING:-fallback}', 'fallback'],
    ['${MISSING:-}', ''],
    ['${EMPTY:-fallback}', 'fallback'],
    ['${EMPTY}', ''],
    ['${KEY:-fallback}', 'abc'],
    ['${MISSING:-http://localhost:8000/v1}', 'http://localhost:8000/v1'],
    ['$${KEY}', '${KEY}'],
    ['cost $5', 'cost $5'],
    ['${ODD}', 'a: "b" # c, {d}'],
  ])('%s → %s', (text, expected) => {
    expect(interpolateString(text, env)).toEqual({ text: expected, problems: [] });
  });

  it('reports an unset variable without a default', () => {
    expect(interpolateString('${NOPE}', env).problems).toEqual(['environment variable NOPE is not set']);
  });

  it('reports malformed references', () => {
    expect(interpolateString('${1BAD}', env).problems[0]).toMatch(/^invalid variable reference "\$\{1BAD\}"/);
    expect(interpolateString('${KEY', env).problems[0]).toMatch(/^unterminated/);
  });
});

describe('interpolateEnvironment', () => {
  it('interpolates string scalars at any depth and leaves other values alone', () => {
    const tree = { a: { b: ['${KEY}', 3, true, null] }, '${KEY}': 'x' };
    expect(interpolateEnvironment(tree, { KEY: 'k' })).toEqual({
      value: { a: { b: ['k', 3, true, null] }, '${KEY}': 'x' },
      issues: [],
      failedPaths: new Set(),
    });
  });

  it('names the path of each failure', () => {
    const result = interpolateEnvironment({ providers: { openai: { apiKey: '${OPENAI_API_KEY}' } } }, {});
    expect(result.issues).toEqual([
      'providers.openai.apiKey: environment variable OPENAI_API_KEY is not set',
    ]);
    expect([...result.failedPaths]).toEqual(['providers.openai.apiKey']);
  });
});

describe('reference guard', () => {
  it('round-trips references through protection and restoration', () => {
    const text = 'a: ${X} and ${Y:-d} $${Z}';
    const protectedText = protectReferences(text);
    expect(protectedText).not.toContain('{');
    expect(protectedText).toHaveLength(text.length);
    expect(restoreReferences({ [protectedText]: [protectedText] })).toEqual({ [text]: [text] });
  });
});
