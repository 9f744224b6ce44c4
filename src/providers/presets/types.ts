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

/** How the upstream expects its credential. */
export type PresetAuth = { style: 'bearer' } | { style: 'header'; header: string } | { style: 'none' };

/** One OpenAI-compatible provider, as data: where it lives, how it authenticates and its quirks. */
export interface ProviderPreset {
  /** Stable id, used as `type:` in switchyard.yaml and as the provider name when detected from the environment. */
  id: string;
  displayName: string;
  /** The wire protocol the upstream speaks (the egress codec its adapter uses). */
  protocol: 'openai-chat' | 'anthropic-messages' | 'gemini' | 'cohere';
  /** Catalog provider id whose prices apply, when not the preset's own id (the simulator's protocol variants). */
  catalogProvider?: string;
  /** Includes the `/v1`-style prefix, so `${baseUrl}/chat/completions` is the endpoint. */
  defaultBaseUrl: string;
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
