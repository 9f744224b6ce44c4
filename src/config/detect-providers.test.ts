import { describe, expect, it } from 'vitest';
import { providerPresets } from '../providers/presets/index.js';
import { detectProviders } from './detect-providers.js';

describe('detectProviders', () => {
  it('finds nothing in an empty environment', () => {
    expect(detectProviders({}, providerPresets)).toEqual({});
  });

  it('adds a provider per API key variable, named after the preset', () => {
    expect(
      detectProviders({ OPENAI_API_KEY: 'a', PPLX_API_KEY: 'b', TOGETHER_AI_API_KEY: 'c' }, providerPresets),
    ).toEqual({
      openai: { type: 'openai' },
      together: { type: 'together' },
      perplexity: { type: 'perplexity' },
    });
  });

  it('adds self-hosted servers by their base-URL variable', () => {
    expect(
      Object.keys(
        detectProviders(
          {
            OLLAMA_HOST: '127.0.0.1:11434',
            VLLM_BASE_URL: 'http://gpu:8000',
            LMSTUDIO_BASE_URL: 'x',
            LLAMACPP_BASE_URL: 'y',
          },
          providerPresets,
        ),
      ),
    ).toEqual(['vllm', 'ollama', 'lmstudio', 'llamacpp']);
  });

  it('ignores empty variables and a hosted base URL without a key', () => {
    expect(
      detectProviders(
        { OPENAI_API_KEY: '', GROQ_API_KEY: '  ', OPENAI_BASE_URL: 'https://x' },
        providerPresets,
      ),
    ).toEqual({});
  });
});
