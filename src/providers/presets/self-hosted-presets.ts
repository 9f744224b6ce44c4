import type { ProviderPreset } from './types.js';

/**
 * vLLM: optional `--api-key` checked as a bearer token. Error `code` is the HTTP status as a
 * number. Reasoning text is `reasoning` (the older `reasoning_content` was removed in Jan 2026).
 * @see /work/shared/reference/others.md section 4
 */
const vllm: ProviderPreset = {
  id: 'vllm',
  displayName: 'vLLM',
  protocol: 'openai-chat',
  defaultBaseUrl: 'http://localhost:8000/v1',
  apiKeyEnv: ['VLLM_API_KEY'],
  baseUrlEnv: ['VLLM_BASE_URL'],
  auth: { style: 'bearer' },
  keyRequired: false,
  selfHosted: true,
  quirks: {
    streamUsage: true,
    maxTokensField: 'max_tokens',
    unsupportedFields: [],
    reasoningField: 'reasoning',
    numericErrorCode: true,
    imageUrls: 'any',
    supportsN: true,
  },
  docsUrl: 'https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html',
};

/**
 * Ollama's `/v1` surface: no auth, base64 `data:` image URLs only, and no `tool_choice`,
 * `logit_bias`, `user` or `n`. `OLLAMA_HOST` is usually `host:port` without scheme or `/v1`;
 * `normaliseBaseUrl` completes it.
 * @see /work/shared/reference/others.md section 3.1
 */
const ollama: ProviderPreset = {
  id: 'ollama',
  displayName: 'Ollama',
  protocol: 'openai-chat',
  defaultBaseUrl: 'http://localhost:11434/v1',
  apiKeyEnv: [],
  baseUrlEnv: ['OLLAMA_HOST'],
  auth: { style: 'none' },
  keyRequired: false,
  selfHosted: true,
  quirks: {
    streamUsage: true,
    maxTokensField: 'max_tokens',
    unsupportedFields: ['tool_choice', 'logit_bias', 'user', 'n'],
    reasoningField: 'reasoning',
    imageUrls: 'data-only',
    supportsN: false,
  },
  docsUrl: 'https://github.com/ollama/ollama/blob/main/docs/openai.md',
};

/**
 * LM Studio's local server. Doubts: `stream_options`, `n` and remote image URLs are not known to
 * work, and where reasoning text lands depends on a server setting, so no reasoning field is set.
 */
const lmstudio: ProviderPreset = {
  id: 'lmstudio',
  displayName: 'LM Studio',
  protocol: 'openai-chat',
  defaultBaseUrl: 'http://localhost:1234/v1',
  apiKeyEnv: [],
  baseUrlEnv: ['LMSTUDIO_BASE_URL'],
  auth: { style: 'none' },
  keyRequired: false,
  selfHosted: true,
  quirks: {
    streamUsage: false,
    maxTokensField: 'max_tokens',
    unsupportedFields: [],
    imageUrls: 'data-only',
    supportsN: false,
  },
  docsUrl: 'https://lmstudio.ai/docs/app/api/endpoints/openai',
};

/**
 * llama.cpp's `llama-server`: optional `--api-key` as a bearer token; reasoning in
 * `reasoning_content` (with `--reasoning-format deepseek`, the default). Doubts: `stream_options`
 * and remote image URLs are treated as unsupported. Its default port 8080 is also Switchyard's.
 */
const llamacpp: ProviderPreset = {
  id: 'llamacpp',
  displayName: 'llama.cpp server',
  protocol: 'openai-chat',
  defaultBaseUrl: 'http://localhost:8080/v1',
  apiKeyEnv: ['LLAMACPP_API_KEY'],
  baseUrlEnv: ['LLAMACPP_BASE_URL'],
  auth: { style: 'bearer' },
  keyRequired: false,
  selfHosted: true,
  quirks: {
    streamUsage: false,
    maxTokensField: 'max_tokens',
    unsupportedFields: [],
    reasoningField: 'reasoning_content',
    imageUrls: 'data-only',
    supportsN: false,
  },
  docsUrl: 'https://github.com/ggml-org/llama.cpp/tree/master/tools/server',
};

/** Port 0 cannot be connected to: it marks a base URL that must be filled once the simulator listens. */
export const simulatorPlaceholderBaseUrl = 'http://127.0.0.1:0/v1';

/**
 * The built-in provider simulator, used by the demo, tests and benchmarks. It mimics OpenAI, so
 * it gets OpenAI's quirks; its real base URL is known only once it listens on an ephemeral port.
 */
const simulator: ProviderPreset = {
  id: 'simulator',
  displayName: 'Switchyard simulator',
  protocol: 'openai-chat',
  defaultBaseUrl: simulatorPlaceholderBaseUrl,
  apiKeyEnv: [],
  auth: { style: 'none' },
  keyRequired: false,
  selfHosted: false,
  quirks: {
    streamUsage: true,
    maxTokensField: 'max_completion_tokens',
    unsupportedFields: [],
    imageUrls: 'any',
    supportsN: true,
  },
};

/** The simulator speaking Anthropic Messages (`/v1/messages`), priced as the simulator. */
const simulatorAnthropic: ProviderPreset = {
  ...simulator,
  id: 'simulator-anthropic',
  displayName: 'Switchyard simulator (Anthropic protocol)',
  protocol: 'anthropic-messages',
  catalogProvider: 'simulator',
};

/** The simulator speaking Gemini (`/v1beta/models/{model}:generateContent`), priced as the simulator. */
const simulatorGemini: ProviderPreset = {
  ...simulator,
  id: 'simulator-gemini',
  displayName: 'Switchyard simulator (Gemini protocol)',
  protocol: 'gemini',
  defaultBaseUrl: 'http://127.0.0.1:0/v1beta',
  catalogProvider: 'simulator',
};

/** Servers run by the user, then the simulator in each protocol it speaks. */
export const selfHostedPresets: readonly ProviderPreset[] = [
  vllm,
  ollama,
  lmstudio,
  llamacpp,
  simulator,
  simulatorAnthropic,
  simulatorGemini,
];
