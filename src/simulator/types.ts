/** Options for {@link startSimulator}. */
export interface SimulatorOptions {
  /** Interface to bind; defaults to 127.0.0.1. */
  host?: string;
  /** Port to bind; 0 (the default) picks a free port. */
  port?: number;
  /**
   * When set, model-API requests carrying any other key get the protocol's authentication error
   * (OpenAI: bearer; Anthropic: `x-api-key` or bearer; Gemini: `x-goog-api-key` or `?key=`).
   */
  requireApiKey?: string;
  /** Pause between stream chunks when the model name has no `delay-MS` directive (default 0). */
  defaultDelayMs?: number;
  /** Size of the request ring buffer (default 10000). */
  maxRecords?: number;
}

/** The wire protocol a request spoke, decided from its path (and `anthropic-version` on `/v1/models`). */
export type SimulatorProtocol = 'openai' | 'anthropic' | 'gemini';

/** What the simulator received for one model-API request and how it answered. */
export interface SimulatorRecord {
  id: number;
  method: string;
  path: string;
  protocol: SimulatorProtocol;
  /** Lower-case header names; the authorization value is redacted to `Bearer ***` + its last 4 characters. */
  headers: Record<string, string>;
  /** Parsed JSON body, or the raw text when it was not JSON (undefined for GET). */
  body: unknown;
  /** The model string exactly as requested, directives included. */
  model?: string;
  stream: boolean;
  receivedAt: number;
  /** When the response headers were sent. */
  respondedAt?: number;
  /** When the response finished or the connection closed. */
  endedAt?: number;
  status?: number;
  /** The client closed the connection before the response finished. */
  aborted: boolean;
  /** The fault directives that were applied to this request, joined by `+` (e.g. `429-ra2`). */
  fault?: string;
}

/** A running simulator. */
export interface Simulator {
  /** Base URL without `/v1`, e.g. `http://127.0.0.1:40123`. */
  url: string;
  port: number;
  records(): SimulatorRecord[];
  /** Records whose requested model string equals `model` exactly. */
  recordsFor(model: string): SimulatorRecord[];
  clearRecords(): void;
  /** Clears records and every per-model fault counter. */
  reset(): void;
  /**
   * Resolves with the first record (existing or future, re-checked whenever a record changes)
   * that satisfies the predicate; rejects after `timeoutMs` (default 5000).
   */
  waitFor(predicate: (record: SimulatorRecord) => boolean, timeoutMs?: number): Promise<SimulatorRecord>;
  /** Stops listening and drops every open connection (silent and stalled ones included). */
  close(): Promise<void>;
}
