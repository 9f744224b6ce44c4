import type { OpenAiCompatibleQuirks, ProviderPreset } from './types.js';

// More hosted vendors: Cohere's native v2 chat, and vendors whose OpenAI-compatible endpoints are
// documented by the vendor itself. Where a vendor runs separate mainland-China and international
// hosts, the preset names the one below and `baseUrl` switches.

const baseline: OpenAiCompatibleQuirks = {
  streamUsage: false,
  maxTokensField: 'max_tokens',
  unsupportedFields: [],
  imageUrls: 'any',
  supportsN: false,
};

/**
 * Cohere's native v2 API, bearer key: chat (`/v2/chat`, providers/cohere/chat-*), embed and rerank
 * (`/v2/embed`, `/v2/rerank`, providers/cohere/embed.ts and rerank.ts).
 */
const cohere: ProviderPreset = {
  id: 'cohere',
  displayName: 'Cohere',
  protocol: 'cohere-chat',
  defaultBaseUrl: 'https://api.cohere.com/v2',
  apiKeyEnv: ['COHERE_API_KEY', 'CO_API_KEY'],
  auth: { style: 'bearer' },
  keyRequired: true,
  selfHosted: false,
  quirks: { ...baseline, streamUsage: true },
  docsUrl: 'https://docs.cohere.com/reference/chat',
};

/** Alibaba Cloud Model Studio (DashScope) compatible mode, international host (`dashscope.aliyuncs.com` in China). */
const dashscope: ProviderPreset = {
  id: 'dashscope',
  displayName: 'Alibaba DashScope (Qwen)',
  protocol: 'openai-chat',
  defaultBaseUrl: 'https://dashscope-intl.aliyuncs.com/compatible-mode/v1',
  apiKeyEnv: ['DASHSCOPE_API_KEY'],
  baseUrlEnv: ['DASHSCOPE_BASE_URL'],
  auth: { style: 'bearer' },
  keyRequired: true,
  selfHosted: false,
  quirks: { ...baseline, streamUsage: true, reasoningField: 'reasoning_content' },
  docsUrl: 'https://www.alibabacloud.com/help/en/model-studio/compatibility-of-openai-with-dashscope',
};

/** Moonshot AI (Kimi), international host (`api.moonshot.cn` in China). */
const moonshot: ProviderPreset = {
  id: 'moonshot',
  displayName: 'Moonshot AI (Kimi)',
  protocol: 'openai-chat',
  defaultBaseUrl: 'https://api.moonshot.ai/v1',
  apiKeyEnv: ['MOONSHOT_API_KEY'],
  baseUrlEnv: ['MOONSHOT_BASE_URL'],
  auth: { style: 'bearer' },
  keyRequired: true,
  selfHosted: false,
  quirks: { ...baseline, reasoningField: 'reasoning_content' },
  docsUrl: 'https://platform.moonshot.ai/docs/api/chat',
};

/** MiniMax, international host (`api.minimaxi.com` in China). */
const minimax: ProviderPreset = {
  id: 'minimax',
  displayName: 'MiniMax',
  protocol: 'openai-chat',
  defaultBaseUrl: 'https://api.minimax.io/v1',
  apiKeyEnv: ['MINIMAX_API_KEY'],
  baseUrlEnv: ['MINIMAX_BASE_URL'],
  auth: { style: 'bearer' },
  keyRequired: true,
  selfHosted: false,
  quirks: { ...baseline },
  docsUrl: 'https://platform.minimax.io/docs/api-reference/text-openai-api',
};

/** Volcengine Ark (Doubao); the model is a model id or an inference endpoint id (`ep-...`). */
const volcengine: ProviderPreset = {
  id: 'volcengine',
  displayName: 'Volcengine Ark (Doubao)',
  protocol: 'openai-chat',
  defaultBaseUrl: 'https://ark.cn-beijing.volces.com/api/v3',
  apiKeyEnv: ['ARK_API_KEY'],
  baseUrlEnv: ['ARK_BASE_URL'],
  auth: { style: 'bearer' },
  keyRequired: true,
  selfHosted: false,
  quirks: { ...baseline, streamUsage: true, reasoningField: 'reasoning_content' },
  docsUrl: 'https://www.volcengine.com/docs/82379/1330626',
};

/** Zhipu AI (GLM) open platform, mainland host (`api.z.ai/api/paas/v4` internationally). */
const zhipuai: ProviderPreset = {
  id: 'zhipuai',
  displayName: 'Zhipu AI (GLM)',
  protocol: 'openai-chat',
  defaultBaseUrl: 'https://open.bigmodel.cn/api/paas/v4',
  apiKeyEnv: ['ZHIPUAI_API_KEY'],
  baseUrlEnv: ['ZHIPUAI_BASE_URL'],
  auth: { style: 'bearer' },
  keyRequired: true,
  selfHosted: false,
  quirks: { ...baseline, reasoningField: 'reasoning_content' },
  docsUrl: 'https://docs.bigmodel.cn/api-reference',
};

/** Vendors listed after the original hosted ones. */
export const vendorPresets: readonly ProviderPreset[] = [
  cohere,
  dashscope,
  moonshot,
  minimax,
  volcengine,
  zhipuai,
];
