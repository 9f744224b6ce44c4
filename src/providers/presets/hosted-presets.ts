import type { OpenAiCompatibleQuirks, ProviderPreset } from './types.js';

/**
 * The conservative baseline: `max_tokens` is accepted by every OpenAI-compatible vendor except
 * OpenAI's own reasoning models, and `stream_options` is only sent where we know it is accepted.
 */
const baseline: OpenAiCompatibleQuirks = {
  streamUsage: false,
  maxTokensField: 'max_tokens',
  unsupportedFields: [],
  imageUrls: 'any',
  supportsN: true,
};

/** Anthropic's native Messages API (`x-api-key`, `anthropic-version`). */
const anthropic: ProviderPreset = {
  id: 'anthropic',
  displayName: 'Anthropic',
  protocol: 'anthropic-messages',
  defaultBaseUrl: 'https://api.anthropic.com/v1',
  apiKeyEnv: ['ANTHROPIC_API_KEY'],
  baseUrlEnv: ['ANTHROPIC_BASE_URL'],
  auth: { style: 'header', header: 'x-api-key' },
  keyRequired: true,
  selfHosted: false,
  quirks: { ...baseline, streamUsage: true, supportsN: false },
  docsUrl: 'https://docs.anthropic.com/en/api/messages',
};

/** Google AI Studio's native Gemini API (`x-goog-api-key`). */
const gemini: ProviderPreset = {
  id: 'gemini',
  displayName: 'Google Gemini (AI Studio)',
  protocol: 'gemini',
  defaultBaseUrl: 'https://generativelanguage.googleapis.com/v1beta',
  apiKeyEnv: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
  baseUrlEnv: ['GOOGLE_GEMINI_BASE_URL'],
  auth: { style: 'header', header: 'x-goog-api-key' },
  keyRequired: true,
  selfHosted: false,
  quirks: { ...baseline, streamUsage: true },
  docsUrl: 'https://ai.google.dev/api/generate-content',
};

/** OpenAI itself: the reference behaviour. `max_tokens` is rejected by o-series models. */
const openai: ProviderPreset = {
  id: 'openai',
  displayName: 'OpenAI',
  protocol: 'openai-chat',
  defaultBaseUrl: 'https://api.openai.com/v1',
  apiKeyEnv: ['OPENAI_API_KEY'],
  baseUrlEnv: ['OPENAI_BASE_URL'],
  auth: { style: 'bearer' },
  keyRequired: true,
  selfHosted: false,
  quirks: { ...baseline, streamUsage: true, maxTokensField: 'max_completion_tokens' },
  docsUrl: 'https://platform.openai.com/docs/api-reference/chat',
};

/**
 * Groq documents `logprobs`, `logit_bias` and `top_logprobs` as unsupported and `n` must be 1.
 * Usage is also repeated in the final chunk's `x_groq.usage`. Reasoning models put their text in
 * `message.reasoning` (with the default `reasoning_format: parsed`).
 */
const groq: ProviderPreset = {
  id: 'groq',
  displayName: 'Groq',
  protocol: 'openai-chat',
  defaultBaseUrl: 'https://api.groq.com/openai/v1',
  apiKeyEnv: ['GROQ_API_KEY'],
  auth: { style: 'bearer' },
  keyRequired: true,
  selfHosted: false,
  quirks: {
    ...baseline,
    streamUsage: true,
    unsupportedFields: ['logprobs', 'top_logprobs', 'logit_bias'],
    reasoningField: 'reasoning',
    supportsN: false,
  },
  docsUrl: 'https://console.groq.com/docs/openai',
};

/**
 * Mistral validates bodies strictly (422 on extra fields). It has no `stream_options` (usage
 * arrives in the last chunk anyway), no `logit_bias`/`logprobs`/`user`, and names the seed
 * `random_seed`, so `seed` is dropped rather than renamed here (doubt: renaming would be kinder).
 * The OpenAI-only fields below are listed because a strict validator rejects them.
 */
const mistral: ProviderPreset = {
  id: 'mistral',
  displayName: 'Mistral AI',
  protocol: 'openai-chat',
  defaultBaseUrl: 'https://api.mistral.ai/v1',
  apiKeyEnv: ['MISTRAL_API_KEY'],
  auth: { style: 'bearer' },
  keyRequired: true,
  selfHosted: false,
  quirks: {
    ...baseline,
    unsupportedFields: [
      'logit_bias',
      'logprobs',
      'top_logprobs',
      'user',
      'seed',
      'service_tier',
      'store',
      'metadata',
      'modalities',
      'audio',
    ],
  },
  docsUrl: 'https://docs.mistral.ai/api/',
};

/**
 * DeepSeek documents `stream_options.include_usage` and returns reasoning in `reasoning_content`.
 * `n > 1` is not supported (doubt: undocumented either way, so treated as unsupported).
 */
const deepseek: ProviderPreset = {
  id: 'deepseek',
  displayName: 'DeepSeek',
  protocol: 'openai-chat',
  defaultBaseUrl: 'https://api.deepseek.com/v1',
  apiKeyEnv: ['DEEPSEEK_API_KEY'],
  auth: { style: 'bearer' },
  keyRequired: true,
  selfHosted: false,
  quirks: { ...baseline, streamUsage: true, reasoningField: 'reasoning_content', supportsN: false },
  docsUrl: 'https://api-docs.deepseek.com/',
};

/** Together returns usage in the final chunk unasked; whether it accepts `stream_options` is unverified. */
const together: ProviderPreset = {
  id: 'together',
  displayName: 'Together AI',
  protocol: 'openai-chat',
  defaultBaseUrl: 'https://api.together.xyz/v1',
  apiKeyEnv: ['TOGETHER_API_KEY', 'TOGETHER_AI_API_KEY'],
  auth: { style: 'bearer' },
  keyRequired: true,
  selfHosted: false,
  quirks: { ...baseline },
  docsUrl: 'https://docs.together.ai/docs/openai-api-compatibility',
};

/** Fireworks returns usage in the final chunk unasked; `stream_options` support is unverified. */
const fireworks: ProviderPreset = {
  id: 'fireworks',
  displayName: 'Fireworks AI',
  protocol: 'openai-chat',
  defaultBaseUrl: 'https://api.fireworks.ai/inference/v1',
  apiKeyEnv: ['FIREWORKS_API_KEY'],
  auth: { style: 'bearer' },
  keyRequired: true,
  selfHosted: false,
  quirks: { ...baseline },
  docsUrl: 'https://docs.fireworks.ai/tools-sdks/openai-compatibility',
};

/**
 * xAI documents `stream_options` and returns reasoning in `reasoning_content` (grok-3-mini).
 * Its reasoning models reject `presence_penalty`, `frequency_penalty` and `stop`; that is per
 * model, so it is not expressed here.
 */
const xai: ProviderPreset = {
  id: 'xai',
  displayName: 'xAI',
  protocol: 'openai-chat',
  defaultBaseUrl: 'https://api.x.ai/v1',
  apiKeyEnv: ['XAI_API_KEY'],
  auth: { style: 'bearer' },
  keyRequired: true,
  selfHosted: false,
  quirks: { ...baseline, streamUsage: true, reasoningField: 'reasoning_content' },
  docsUrl: 'https://docs.x.ai/docs/api-reference',
};

/**
 * Perplexity has no `/v1` prefix and no tool calling; it rejects `n`, logprobs and `logit_bias`
 * (doubt: the exact list changes; this is the set documented as unsupported). It also requires
 * user/assistant messages to alternate, which no flag here expresses.
 */
const perplexity: ProviderPreset = {
  id: 'perplexity',
  displayName: 'Perplexity',
  protocol: 'openai-chat',
  defaultBaseUrl: 'https://api.perplexity.ai',
  apiKeyEnv: ['PERPLEXITY_API_KEY', 'PPLX_API_KEY'],
  auth: { style: 'bearer' },
  keyRequired: true,
  selfHosted: false,
  quirks: {
    ...baseline,
    unsupportedFields: [
      'tools',
      'tool_choice',
      'parallel_tool_calls',
      'logit_bias',
      'logprobs',
      'top_logprobs',
      'n',
    ],
    supportsN: false,
  },
  docsUrl: 'https://docs.perplexity.ai/api-reference/chat-completions-post',
};

/**
 * OpenRouter forwards to many vendors; it returns reasoning in `message.reasoning` and usage in
 * the final chunk. `n > 1` is not supported. Optional attribution headers (`HTTP-Referer`,
 * `X-Title`) can be set through the provider's `headers` in switchyard.yaml.
 */
const openrouter: ProviderPreset = {
  id: 'openrouter',
  displayName: 'OpenRouter',
  protocol: 'openai-chat',
  defaultBaseUrl: 'https://openrouter.ai/api/v1',
  apiKeyEnv: ['OPENROUTER_API_KEY'],
  auth: { style: 'bearer' },
  keyRequired: true,
  selfHosted: false,
  quirks: { ...baseline, streamUsage: true, reasoningField: 'reasoning', supportsN: false },
  docsUrl: 'https://openrouter.ai/docs/api-reference/overview',
};

/** Hosted vendors, in the order they are listed to users. */
export const hostedPresets: readonly ProviderPreset[] = [
  openai,
  groq,
  mistral,
  deepseek,
  together,
  fireworks,
  xai,
  perplexity,
  openrouter,
  anthropic,
  gemini,
];
