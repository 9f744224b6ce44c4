import { describe, expect, it } from 'vitest';
import { issuesOfYaml, resolveYaml } from './test-helpers.js';

const providers = 'providers:\n  groq: { apiKey: g }\n  local: { type: vllm }\n';

describe('model balance, hedge and rescue', () => {
  it('defaults to weighted balance, no hedging and stream rescue', () => {
    const model = resolveYaml(
      `${providers}models:\n  m: { targets: [ { provider: groq, model: x } ] }\n`,
    ).models.get('m');
    expect(model?.balance).toBe('weighted');
    expect(model?.hedge).toBeUndefined();
    expect(model && 'hedge' in model).toBe(false);
    expect(model?.rescue).toBe(true);
  });

  it('takes each setting when given', () => {
    const text = [
      providers,
      'models:',
      '  fast:',
      '    targets: [ { provider: groq, model: a }, { provider: local, model: b } ]',
      '    balance: least-busy',
      '    hedge: { afterMs: 800 }',
      '    rescue: false',
    ].join('\n');
    const model = resolveYaml(text).models.get('fast');
    expect(model?.balance).toBe('least-busy');
    expect(model?.hedge).toEqual({ afterMs: 800 });
    expect(model?.rescue).toBe(false);
  });

  it.each(['priority', 'weighted', 'least-busy', 'latency'])('accepts balance %s', (balance) => {
    const text = `${providers}models:\n  m: { targets: [ { provider: groq, model: x } ], balance: ${balance} }\n`;
    expect(resolveYaml(text).models.get('m')?.balance).toBe(balance);
  });

  it('rejects a zero hedge delay and an unknown balance', () => {
    const text = `${providers}models:\n  fast: { targets: [ { provider: groq, model: x } ], hedge: { afterMs: 0 }, balance: random }\n`;
    expect(issuesOfYaml(text)).toEqual([
      'models.fast.balance: expected one of "priority"|"weighted"|"least-busy"|"latency"',
      'models.fast.hedge.afterMs: expected number to be >=1',
    ]);
  });

  it('warns when there is nothing to hedge with', () => {
    const text = `${providers}models:\n  solo: { targets: [ { provider: local, model: x } ], hedge: { afterMs: 500 } }\n`;
    expect(resolveYaml(text).warnings).toEqual([
      'models.solo.hedge: one target and no fallbacks, so there is nothing to hedge with',
    ]);
  });
});

describe('deployment overrides', () => {
  const withOverrides = `${providers}models:
  fast:
    targets:
      - { provider: groq, model: llama-3.3-70b-versatile, weight: 2 }
      - provider: local
        model: my-finetune
        contextWindow: 32768
        capabilities: { tools: true, vision: false, jsonSchema: true, reasoning: false }
        inputPerMillion: 0.2
        outputPerMillion: 0.6
        quality: 70
        continuation: true
`;

  it('resolves every override and leaves targets without any untouched', () => {
    const targets = resolveYaml(withOverrides).models.get('fast')?.targets;
    expect(targets?.[0]).toEqual({ provider: 'groq', model: 'llama-3.3-70b-versatile', weight: 2 });
    expect(targets?.[0] && 'overrides' in targets[0]).toBe(false);
    expect(targets?.[1]).toEqual({
      provider: 'local',
      model: 'my-finetune',
      weight: 1,
      overrides: {
        contextWindow: 32_768,
        capabilities: { tools: true, vision: false, jsonSchema: true, reasoning: false },
        inputPerMillion: 0.2,
        outputPerMillion: 0.6,
        quality: 70,
        continuation: true,
      },
    });
  });

  it('keeps only the overrides given, and zero is a price', () => {
    const text = `${providers}models:\n  m: { targets: [ { provider: local, model: x, inputPerMillion: 0, capabilities: { vision: true } } ] }\n`;
    expect(resolveYaml(text).models.get('m')?.targets[0]?.overrides).toEqual({
      inputPerMillion: 0,
      capabilities: { vision: true },
    });
  });

  it('rejects out-of-range overrides with their paths', () => {
    const text = `${providers}models:
  fast:
    targets:
      - { provider: local, model: a, inputPerMillion: -0.5, outputPerMillion: -1, quality: 101 }
      - { provider: local, model: b, contextWindow: 0, continuation: maybe, capabilities: { tools: 1, audio: true } }
`;
    expect(issuesOfYaml(text)).toEqual([
      'models.fast.targets[0].inputPerMillion: expected number to be >=0',
      'models.fast.targets[0].outputPerMillion: expected number to be >=0',
      'models.fast.targets[0].quality: expected number to be <=100',
      'models.fast.targets[1].contextWindow: expected number to be >=1',
      'models.fast.targets[1].capabilities.tools: expected boolean, received number',
      'models.fast.targets[1].capabilities.audio: unknown key',
      'models.fast.targets[1].continuation: expected boolean, received string',
    ]);
  });

  it('does not warn about an uncatalogued model whose price the target states', () => {
    const text = `${providers}models:
  m:
    targets:
      - { provider: groq, model: groq-private-a }
      - { provider: groq, model: groq-private-b, inputPerMillion: 1, outputPerMillion: 2 }
`;
    expect(resolveYaml(text).warnings).toEqual([
      'models.m.targets[0].model: "groq-private-a" is not in the model catalog for groq, so its cost will be reported as unknown',
    ]);
  });
});
