import { describe, expect, it } from 'vitest';
import { formatPath } from './format-path.js';

describe('formatPath', () => {
  it('joins plain keys with dots and indexes with brackets', () => {
    expect(formatPath(['models', 'fast-2', 'targets', 1, 'provider'])).toBe(
      'models.fast-2.targets[1].provider',
    );
    expect(formatPath(['routing', 'auto', 'classes', 'long_context', 0])).toBe(
      'routing.auto.classes.long_context[0]',
    );
  });

  it('quotes keys whose end would be in doubt', () => {
    expect(formatPath(['routing', 'policies', 'smart/balanced', 'strategy'])).toBe(
      'routing.policies["smart/balanced"].strategy',
    );
    expect(formatPath(['routing', 'policies', 'strategy:x'])).toBe('routing.policies["strategy:x"]');
    expect(formatPath(['models', 'gpt-4.1'])).toBe('models["gpt-4.1"]');
    expect(formatPath(['headers', 'bad name'])).toBe('headers["bad name"]');
    expect(formatPath(['a', ''])).toBe('a[""]');
    expect(formatPath(['say "hi"'])).toBe('["say \\"hi\\""]');
  });

  it('names the root', () => {
    expect(formatPath([])).toBe('(root)');
  });
});
