import type { Warning } from './warning.js';

/**
 * The gateway's own account of a request: which model answered, why, and what it cost. Sent in
 * `X-Switchyard-*` headers for JSON answers and as the final event of a stream.
 */
export interface GatewaySummary {
  requestId: string;
  /** `provider/model` that produced the answer, when one did. */
  model?: string;
  provider?: string;
  routeReason?: string;
  candidates: string[];
  attempts: number;
  fallbackUsed: boolean;
  /** USD as a decimal string; null when the price is unknown (never 0 for unknown). */
  costUsd: string | null;
  /** Cost against the savings baseline (present when a baseline model is configured and priced). */
  billing?: {
    costUsd: string;
    baselineModel: string;
    baselineCostUsd: string;
    savingsUsd: string;
    /** Two decimals, e.g. "87.50". */
    savingsPercent: string;
  };
  /** Everything the gateway changed or could not honour along the way; absent when nothing. */
  warnings?: Warning[];
  usage?: { inputTokens: number; outputTokens: number; cachedTokens?: number; reasoningTokens?: number };
}
