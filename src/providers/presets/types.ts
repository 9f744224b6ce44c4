/** Environment variables as read by presets and configuration (`process.env` fits). */
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * How a vendor's OpenAI-compatible endpoint differs from OpenAI's own Chat Completions API.
 * Adapters read these flags instead of branching on the provider id.
 */
export interface OpenAiCompatibleQuirks {
  /** Accepts `stream_options: { include_usage: true }`; when false the field is never sent. */
  streamUsage: boolean;
  /** The field that carries the output-token limit. */
  maxTokensField: 'max_tokens' | 'max_completion_tokens';
  /** Request fields the vendor rejects; they are dropped with a warning (e.g. Ollama: `tool_choice`). */
  unsupportedFields: string[];
  /** The non-standard message field that carries reasoning text, when the vendor returns one. */
  reasoningField?: 'reasoning' | 'reasoning_content';
  /** The error `code` is a number (vLLM: the HTTP status) instead of OpenAI's string code. */
  numericErrorCode?: boolean;
  /** `any` accepts remote image URLs; `data-only` accepts base64 `data:` URLs only (Ollama). */
  imageUrls: 'any' | 'data-only';
  /** Accepts `n > 1` (several choices per request). */
  supportsN: boolean;
}

/**
 * How the upstream expects its credential. `cloud`: the adapter obtains it from the cloud's own
 * scheme (AWS SigV4 or a Bedrock API key, a Google service account, an IBM IAM token exchange).
 */
export type PresetAuth =
  | { style: 'bearer' }
  | { style: 'header'; header: string }
  | { style: 'none' }
  | { style: 'cloud' };

/** Settings some upstreams need besides a base URL and a key (cloud region, project, API version). */
export const providerOptionNames = [
  'region',
  'accessKeyId',
  'secretAccessKey',
  'sessionToken',
  'project',
  'location',
  'credentialsFile',
  'apiVersion',
  'projectId',
  'spaceId',
  'iamUrl',
  'account',
] as const;
export type ProviderOptionName = (typeof providerOptionNames)[number];

/** Options whose values are credentials: kept as Secrets, never printed. */
export const secretOptionNames = ['secretAccessKey', 'sessionToken'] as const;
export type SecretOptionName = (typeof secretOptionNames)[number];
export type PlainOptionName = Exclude<ProviderOptionName, SecretOptionName>;

/** The wire protocol an upstream speaks; each has its own adapter. */
export type ProviderProtocol =
  | 'openai-chat'
  | 'anthropic-messages'
  | 'gemini'
  | 'cohere-chat'
  | 'watsonx-chat'
  | 'bedrock-converse'
  | 'sagemaker-openai'
  | 'vertex';

/** One OpenAI-compatible provider, as data: where it lives, how it authenticates and its quirks. */
export interface ProviderPreset {
  /** Stable id, used as `type:` in switchyard.yaml and as the provider name when detected from the environment. */
  id: string;
  displayName: string;
  /** The wire protocol the upstream speaks (the egress codec its adapter uses). */
  protocol: ProviderProtocol;
  /** Catalog provider id whose prices apply, when not the preset's own id (the simulator's protocol variants). */
  catalogProvider?: string;
  /**
   * Includes the `/v1`-style prefix, so `${baseUrl}/chat/completions` is the endpoint. May name options
   * in braces (`https://bedrock-runtime.{region}.amazonaws.com`), filled from the provider's settings;
   * a placeholder no option fills (`{workspace}`) means the base URL must be configured.
   */
  defaultBaseUrl: string;
  /**
   * The chat endpoint below the base URL when it is not `/chat/completions`; `{model}` and
   * `{apiVersion}` are filled in (Azure: `/openai/deployments/{model}/chat/completions?api-version=...`).
   */
  chatPath?: string;
  /** Appended to a base URL from the environment that has no path (`DATABRICKS_HOST` → `/serving-endpoints`). */
  baseUrlEnvPath?: string;
  /** Environment variables that may hold each option, first set one wins. */
  optionEnv?: Partial<Record<ProviderOptionName, string[]>>;
  /** Option values used when neither the configuration nor the environment sets them. */
  optionDefaults?: Partial<Record<PlainOptionName, string>>;
  /** Options that must be set; an inner list means "at least one of". */
  requiredOptions?: Array<ProviderOptionName | ProviderOptionName[]>;
  /**
   * When the environment alone configures this provider: detected once every variable of one of these lists is set.
   * Without it, a set API-key variable is enough (self-hosted presets: also a base-URL variable).
   */
  detectEnv?: string[][];
  /** Environment variables that may hold the key, first set one wins. */
  apiKeyEnv: string[];
  /** Environment variables that may override the base URL, first set one wins. */
  baseUrlEnv?: string[];
  auth: PresetAuth;
  /** Requests fail without a key; configuration is rejected when none is found. */
  keyRequired: boolean;
  /** Runs on the user's own hardware (tokens cost nothing per call; base URL is often `host:port`). */
  selfHosted: boolean;
  quirks: OpenAiCompatibleQuirks;
  docsUrl?: string;
}
