import type { ErrorKind } from './errors.js';

/** One try at one upstream deployment, as recorded for headers, logs and error reports. */
export interface AttemptRecord {
  provider: string;
  model: string;
  /** The deployment's id within the route (`alias#index`), for health tracking. */
  deployment: string;
  startedAt: number;
  durationMs: number;
  /** Upstream HTTP status, when one arrived. */
  status?: number;
  errorKind?: ErrorKind;
  errorMessage?: string;
  /** Milliseconds to the first content from upstream (streams). */
  ttftMs?: number;
  outcome: 'success' | 'failure' | 'aborted';
}
