import type { FinishReason } from './finish-reason.js';
import type { AssistantMessage } from './message.js';
import type { VendorFields } from './request.js';
import type { CanonUsage } from './usage.js';
import type { Warning } from './warning.js';

/** One alternative answer (OpenAI `choices[i]`; other providers have exactly one). */
export interface CanonChoice {
  index: number;
  message: AssistantMessage;
  finish: FinishReason;
  /** Token log probabilities in OpenAI's shape, carried as given. */
  logprobs?: unknown;
}

/** Which upstream answered. */
export interface ProviderIdentity {
  id: string;
  model: string;
  requestId?: string;
}

/** A complete answer in the hub's terms. */
export interface CanonResponse {
  id: string;
  /** The model name the upstream reported. */
  model: string;
  /** Unix seconds. */
  createdAt: number;
  /** At least one. */
  choices: CanonChoice[];
  usage?: CanonUsage;
  warnings: Warning[];
  provider: ProviderIdentity;
  /** Response fields the hub does not model (system_fingerprint, service_tier, ...). */
  vendor: VendorFields;
}
