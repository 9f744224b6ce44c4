import { describe, expect, it } from 'vitest';
import {
  expandBaseUrlTemplate,
  findPreset,
  normaliseBaseUrl,
  providerPresets,
  readBaseUrlFromEnvironment,
} from './index.js';
import type { ProviderPreset } from './types.js';

const presets = [...providerPresets.values()];

function preset(id: string): ProviderPreset {
  const found = findPreset(id);
  if (!found) throw new Error(`missing preset ${id}`);
  return found;
}

describe('providerPresets', () => {
  it('has exactly the documented ids', () => {
    expect([...providerPresets.keys()]).toEqual([
      'openai',
      'groq',
      'mistral',
      'deepseek',
      'together',
      'fireworks',
      'xai',
      'perplexity',
      'openrouter',
      'anthropic',
      'gemini',
      'cohere',
      'dashscope',
      'moonshot',
      'minimax',
      'volcengine',
      'zhipuai',
      'azure',
      'bedrock',
      'vertex',
      'watsonx',
      'databricks',
      'snowflake',
      'sagemaker',
      'vllm',
      'ollama',
      'lmstudio',
      'llamacpp',
      'simulator',
      'simulator-anthropic',
      'simulator-gemini',
    ]);
  });

  it('has unique ids, keyed by their own id', () => {
    expect(new Set(presets.map((each) => each.id)).size).toBe(presets.length);
    for (const [key, each] of providerPresets) expect(each.id).toBe(key);
  });

  it.each(presets.map((each) => [each.id, each] as const))(
    '%s has a valid http(s) base URL without a trailing slash',
    (_id, each) => {
      // Placeholders are filled from provider settings; a sample value stands in for each.
      const url = new URL(each.defaultBaseUrl.replace(/\{[a-zA-Z]+\}/g, 'sample'));
      expect(['http:', 'https:']).toContain(url.protocol);
      expect(each.defaultBaseUrl.endsWith('/')).toBe(false);
      // Hosted vendors are only reachable over TLS.
      if (!each.selfHosted && !each.id.startsWith('simulator')) expect(url.protocol).toBe('https:');
    },
  );

  it.each(presets.map((each) => [each.id, each] as const))(
    '%s names environment variables in upper case',
    (_id, each) => {
      for (const name of [...each.apiKeyEnv, ...(each.baseUrlEnv ?? [])])
        expect(name).toMatch(/^[A-Z][A-Z0-9_]*$/);
    },
  );

  it('requires a key exactly where a hosted vendor authenticates', () => {
    for (const each of presets) {
      if (each.keyRequired) {
        expect(each.auth.style).not.toBe('none');
        expect(each.apiKeyEnv.length).toBeGreaterThan(0);
      }
      // Cloud presets without a required key use the cloud's own credentials (AWS chain, service account).
      const cloudCredentials = each.auth.style === 'cloud' && !each.keyRequired;
      expect(each.keyRequired).toBe(
        !each.selfHosted && !each.id.startsWith('simulator') && !cloudCredentials,
      );
    }
  });

  it('records the quirks the reference notes document', () => {
    expect(preset('ollama').quirks.unsupportedFields).toEqual(['tool_choice', 'logit_bias', 'user', 'n']);
    expect(preset('ollama').quirks.imageUrls).toBe('data-only');
    expect(preset('ollama').auth).toEqual({ style: 'none' });
    expect(preset('vllm').quirks.numericErrorCode).toBe(true);
    expect(preset('vllm').quirks.reasoningField).toBe('reasoning');
    expect(preset('deepseek').quirks.reasoningField).toBe('reasoning_content');
    expect(preset('openai').quirks.maxTokensField).toBe('max_completion_tokens');
    expect(preset('together').apiKeyEnv).toEqual(['TOGETHER_API_KEY', 'TOGETHER_AI_API_KEY']);
    expect(preset('perplexity').defaultBaseUrl).toBe('https://api.perplexity.ai');
  });

  it('keeps supportsN consistent with an unsupported n field', () => {
    for (const each of presets) {
      if (each.quirks.unsupportedFields.includes('n')) expect(each.quirks.supportsN).toBe(false);
    }
  });

  it('fills base URL placeholders from options; the global location has no regional prefix', () => {
    expect(expandBaseUrlTemplate(preset('bedrock').defaultBaseUrl, { region: 'eu-west-1' })).toBe(
      'https://bedrock-runtime.eu-west-1.amazonaws.com',
    );
    expect(expandBaseUrlTemplate(preset('vertex').defaultBaseUrl, { location: 'europe-west4' })).toBe(
      'https://europe-west4-aiplatform.googleapis.com',
    );
    expect(expandBaseUrlTemplate(preset('vertex').defaultBaseUrl, { location: 'global' })).toBe(
      'https://aiplatform.googleapis.com',
    );
    expect(expandBaseUrlTemplate(preset('databricks').defaultBaseUrl, {})).toBe(
      'https://{workspace}/serving-endpoints',
    );
  });

  it('completes a workspace host from the environment with the API path', () => {
    expect(
      readBaseUrlFromEnvironment(preset('databricks'), {
        DATABRICKS_HOST: 'https://adb-1.azuredatabricks.net/',
      }),
    ).toEqual({
      baseUrl: 'https://adb-1.azuredatabricks.net/serving-endpoints',
      variable: 'DATABRICKS_HOST',
    });
  });

  it('returns undefined for an unknown id', () => {
    expect(findPreset('opnai')).toBeUndefined();
  });
});

describe('normaliseBaseUrl', () => {
  const ollama = preset('ollama');

  it.each([
    ['127.0.0.1:11434', 'http://127.0.0.1:11434/v1'],
    ['127.0.0.1', 'http://127.0.0.1:11434/v1'],
    ['gpu-box:9999', 'http://gpu-box:9999/v1'],
    ['http://gpu-box:11434', 'http://gpu-box:11434/v1'],
    ['http://gpu-box:11434/', 'http://gpu-box:11434/v1'],
    ['https://ollama.example.com', 'https://ollama.example.com/v1'],
    ['http://gpu-box:11434/v1/', 'http://gpu-box:11434/v1'],
    ['http://gpu-box/proxy/ollama/v1', 'http://gpu-box/proxy/ollama/v1'],
  ])('completes the self-hosted value %s', (value, expected) => {
    expect(normaliseBaseUrl(value, ollama)).toBe(expected);
  });

  it('leaves other schemes and non-URLs as written, for validation to report', () => {
    expect(normaliseBaseUrl('ftp://gpu', ollama)).toBe('ftp://gpu');
    expect(normaliseBaseUrl(' http://[bad ', ollama)).toBe('http://[bad');
  });

  it('takes hosted URLs as written apart from trailing slashes', () => {
    expect(normaliseBaseUrl('https://proxy.example.com/', preset('openai'))).toBe(
      'https://proxy.example.com',
    );
  });

  it('reads the first set variable and names it', () => {
    expect(readBaseUrlFromEnvironment(preset('vllm'), { VLLM_BASE_URL: 'gpu:8000' })).toEqual({
      baseUrl: 'http://gpu:8000/v1',
      variable: 'VLLM_BASE_URL',
    });
    expect(readBaseUrlFromEnvironment(preset('vllm'), { VLLM_BASE_URL: '  ' })).toBeUndefined();
    expect(readBaseUrlFromEnvironment(preset('groq'), {})).toBeUndefined();
  });
});
