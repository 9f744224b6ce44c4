import type { PlainOptionName, ProviderPreset, SecretOptionName } from '../providers/presets/types.js';
import type { Secret } from './secret.js';

/** The fully checked configuration the gateway runs with; every default is filled in. */
export interface ResolvedConfig {
  server: {
    host: string;
    port: number;
    maxBodyBytes: number;
    requestTimeoutMs: number;
    keepAliveTimeoutMs: number;
  };
  store: { type: 'sqlite'; path: string };
  logging: { level: string };
  /** By provider name, in configuration order. */
  providers: Map<string, ResolvedProvider>;
  /** By model alias, in configuration order. */
  models: Map<string, ResolvedModel>;
  /** True when nothing was configured and answers come from the built-in simulator. */
  demo: boolean;
  /** The config file path, 'environment' or 'demo'. */
  source: string;
  /** Things that work but probably are not what the user meant (`path: message`, like errors). */
  warnings: string[];
  /** How `auto`, `strategy:*`, named policies and `industry:*` resolve; breaker and cooldown settings. */
  routing: ResolvedRouting;
  /** Extra catalog files (absolute paths) merged over the bundled catalog, in order; `catalog.files`. */
  catalogFiles: string[];
  /** Savings baseline and summary options (limits and budgets live on keys, teams and plans). */
  governance: { baselineModel: string | undefined; summaryInBody: boolean };
  /** The in-memory turn history behind `previous_response_id` (`responses.history`). */
  responses: { history: { maxEntries: number; ttlMs: number } };
  /** `translation.strict`: the default for requests that do not choose strict mode themselves. */
  translation: { strict: boolean };
  /** The admin API (`/admin/v1`); without a key it refuses every call. */
  admin: ResolvedAdmin;
}

/** `admin:`; the key comes from `admin.key`, else the SWITCHYARD_ADMIN_KEY variable. */
export interface ResolvedAdmin {
  key: Secret | undefined;
}

/** The task classes of the `auto` classifier (src/routing/classifier). */
export type TaskClassName = 'code' | 'reasoning' | 'summary' | 'long_context' | 'chat';

/** Ordering strategies of `strategy:<name>` and named policies. */
export type RoutingStrategyName = 'cost' | 'quality' | 'latency' | 'local';

/** Load balancing among one alias's targets. */
export type BalanceStrategy = 'priority' | 'weighted' | 'least-busy' | 'latency';

/**
 * Model references in routing settings are alias names or `provider/model` names; the router
 * expands them into deployments.
 */
export interface ResolvedRouting {
  auto: {
    /** Models per task class, best first; an empty list means "choose by the class's default strategy". */
    classes: Record<TaskClassName, string[]>;
    /** Models used when the prompt's complexity is above `premiumAbove`. */
    premium: string[];
    /** 0..1; default 0.7. */
    premiumAbove: number;
  };
  /** Named policies callers use as a model name (`smart/balanced`), by name. */
  policies: Map<string, ResolvedPolicy>;
  /** `industry:<tag>` and `metadata.industry`, by tag. */
  industries: Map<string, ResolvedIndustry>;
  /** Per-deployment circuit breaker: opens after `failureThreshold` consecutive failures for `openMs`, then lets one probe through. */
  breaker: { failureThreshold: number; openMs: number };
  /** How long a deployment rests after a 429 without Retry-After, and after a 401/403 from upstream. */
  cooldowns: { rateLimitMs: number; authMs: number };
  /** Longest Retry-After the gateway waits on one deployment when nothing else is left. */
  maxRetryAfterMs: number;
  /** Output tokens assumed by `/v1/estimate` when the request sets no max_tokens. */
  defaultOutputTokens: number;
}

/** A named routing policy (`routing.policies`). */
export interface ResolvedPolicy {
  name: string;
  strategy: RoutingStrategyName;
  /** Candidate pool; empty = every deployment the key may use. */
  models: string[];
  /** USD per million tokens, applied to both the input and the output price; undefined = no ceiling. */
  maxPricePerMillion?: number;
}

/** An industry tag (`routing.industries`): preferred models first, only allowed ones at all. */
export interface ResolvedIndustry {
  tag: string;
  preferred: string[];
  /** Empty = any model; otherwise the only models this tag may use (preferred ones are always allowed). */
  allowed: string[];
}

/** One upstream account: a preset plus where to reach it and how to authenticate. */
export interface ResolvedProvider {
  name: string;
  preset: ProviderPreset;
  /** No trailing slash; `${baseUrl}/chat/completions` is the endpoint. */
  baseUrl: string;
  apiKey: Secret | undefined;
  /** Extra headers sent on every upstream request. */
  headers: Record<string, string>;
  /** Cloud settings (region, project, API version, ...) from configuration, environment or preset defaults. */
  options: Partial<Record<PlainOptionName, string>>;
  /** Cloud credentials among the settings (AWS secret key, session token). */
  secrets: Partial<Record<SecretOptionName, Secret>>;
  /** Transport timeouts: TCP/TLS connect, time to response headers, gap between body chunks. */
  timeouts: { connectMs: number; headersMs: number; bodyMs: number };
}

/** One target of a model alias. */
export interface ResolvedTarget {
  provider: string;
  model: string;
  /** Positive; relative share of traffic among this model's targets. */
  weight: number;
  /** Facts about this deployment that override (or stand in for) the catalog's. */
  overrides?: DeploymentOverrides;
}

/** Per-target facts for models the catalog does not know (or knows differently). */
export interface DeploymentOverrides {
  capabilities?: { tools?: boolean; vision?: boolean; jsonSchema?: boolean; reasoning?: boolean };
  contextWindow?: number;
  /** USD per million tokens. */
  inputPerMillion?: number;
  outputPerMillion?: number;
  /** 0..100, higher is stronger (for strategy:quality). */
  quality?: number;
  /** Continues a trailing assistant message (needed for stream rescue). */
  continuation?: boolean;
}

/** A model alias callers ask for, and how it is served. */
export interface ResolvedModel {
  alias: string;
  targets: ResolvedTarget[];
  /** Aliases tried, in order, after every target of this one failed. */
  fallbacks: string[];
  /** `attempts` = tries per target including the first (1 = no retry); `backoffMs` between tries. */
  retry: { attempts: number; backoffMs: number };
  /** Time to first token, longest gap between tokens, and the whole request. */
  timeouts: { ttftMs: number; idleMs: number; totalMs: number };
  /** How traffic is spread over the targets; default 'weighted' (equal weights keep config order). */
  balance: BalanceStrategy;
  /** Start the next candidate if the first has not started answering after `afterMs`; undefined = no hedging. */
  hedge?: { afterMs: number };
  /** Continue a stream cut after its first token on a fallback that supports continuation; default true. */
  rescue: boolean;
}
