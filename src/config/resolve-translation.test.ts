// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${STRICT} is a configuration reference under test, not a template
import { describe, expect, it } from 'vitest';
import { issuesOfYaml, resolveYaml } from './test-helpers.js';

describe('responses.history and translation', () => {
  it('defaults to 1,000 turns for one hour, and lenient translation', () => {
    const config = resolveYaml('');
    expect(config.responses.history).toEqual({ maxEntries: 1000, ttlMs: 3_600_000 });
    expect(config.translation).toEqual({ strict: false });
  });

  it('takes configured bounds and a strict default, interpolated strings included', () => {
    const config = resolveYaml(
      'responses: { history: { maxEntries: 20 } }\ntranslation: { strict: ${STRICT} }\n',
      { env: { STRICT: 'true' } },
    );
    expect(config.responses.history).toEqual({ maxEntries: 20, ttlMs: 3_600_000 });
    expect(config.translation.strict).toBe(true);
  });

  it('rejects a zero bound and unknown keys, naming the path', () => {
    expect(issuesOfYaml('responses: { history: { ttlMs: 0 } }').join('\n')).toMatch(
      /responses\.history\.ttlMs/,
    );
    expect(issuesOfYaml('translation: { lenient: true }').join('\n')).toMatch(/translation/);
  });
});
