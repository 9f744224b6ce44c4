import type { ProviderPreset } from '../providers/presets/types.js';
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
  /** Transport timeouts: TCP/TLS connect, time to response headers, gap between body chunks. */
  timeouts: { connectMs: number; headersMs: number; bodyMs: number };
}

/** One target of a model alias. */
export interface ResolvedTarget {
  provider: string;
  model: string;
  /** Positive; relative share of traffic among this model's targets. */
  weight: number;
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
}
