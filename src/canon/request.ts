import type { CanonMessage } from './message.js';
import type { CanonTool, CanonToolChoice, JsonSchema } from './tool.js';

/** The API shapes Switchyard speaks, on either side. */
export type ShapeId = 'openai-chat' | 'openai-responses' | 'anthropic-messages' | 'gemini';

/** Fields the hub does not model, kept per origin shape so a same-shape hop restores them losslessly. */
export type VendorFields = Partial<Record<ShapeId, Record<string, unknown>>>;

/** Sampling controls common to most providers. */
export interface CanonSampling {
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  stopSequences?: string[];
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
}

/** The requested output format. */
export type CanonOutputFormat =
  | { type: 'text' }
  | { type: 'json'; schema?: JsonSchema; schemaName?: string; schemaDescription?: string; strict?: boolean };

/** Routing wishes carried in the body (OpenRouter-style), beside the `model` field. */
export interface RoutingHints {
  /** Models to try after `model`, in order (`models: [...]`). */
  models?: string[];
  /** Price ceilings in USD per million tokens. */
  maxPrice?: { input?: number; output?: number };
  /** Order candidates by price, measured latency or measured throughput. */
  sort?: 'price' | 'latency' | 'throughput';
}

/** A request in the hub's terms, whatever shape it arrived in. */
export interface CanonRequest {
  /** What the caller asked for: an alias, `provider/model`, or a bare model name. */
  model: string;
  messages: CanonMessage[];
  tools?: CanonTool[];
  toolChoice?: CanonToolChoice;
  parallelToolCalls?: boolean;
  sampling: CanonSampling;
  output?: CanonOutputFormat;
  reasoning?: { effort?: 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh'; budgetTokens?: number };
  /** Number of alternative answers (OpenAI `n`). */
  choiceCount?: number;
  /** Token log probabilities: whether, and how many alternatives per position. */
  logprobs?: { enabled: boolean; top?: number };
  stream: boolean;
  /** The caller wants usage inside the stream (OpenAI `stream_options.include_usage`). */
  streamUsage: boolean;
  /** The caller's end user (OpenAI `user`), for attribution. */
  endUser?: string;
  /** String tags (OpenAI `metadata`), for logs and routing conditions. */
  metadata?: Record<string, string>;
  /**
   * Provider-specific parameters with no common equivalent, keyed by provider family
   * (`{"anthropic": {"top_k": 5}}`): an egress codec of that family merges its entry into the wire body;
   * any other target reports each as a warning (or an error in strict mode), never a silent drop.
   */
  ext?: Record<string, Record<string, unknown>>;
  /**
   * Strict translation: a parameter the chosen target cannot honour fails the request (400 naming it)
   * instead of becoming a warning. Set from `ext.switchyard.strict`, the `X-Switchyard-Strict` header
   * or the `translation.strict` default.
   */
  strict?: boolean;
  /** Routing wishes beside `model` (fallback list, price ceiling, sort order). */
  routing?: RoutingHints;
  /** Lossless carry of fields the hub does not model. */
  vendor: VendorFields;
}
