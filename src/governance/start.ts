import type { ResolvedConfig } from '../config/index.js';
import { estimatePromptTokens, guessPromptTokens } from '../limits/estimate-tokens.js';
import type { DeploymentPricing } from '../pricing.js';
import { createWriteBehindQueue, type Store } from '../store/index.js';
import type { Logger } from '../telemetry/logger.js';
import { CreditLedger } from './credits.js';
import type { LedgerRow } from './credits-api.js';
import { Governor } from './governor.js';
import type { LimitStore } from './limit-store.js';
import { MemoryLimitStore } from './memory-limit-store.js';
import { createPolicyCache, type PolicyCache } from './policy-cache.js';
import { seedBudgetSpend } from './seed-spend.js';

/** The running governance module: the request-path governor and what the admin API needs. */
export interface Governance {
  governor: Governor;
  credits: CreditLedger;
  policies: PolicyCache;
  limits: LimitStore;
  /** Writes the ledger rows queued so far (tests, shutdown). */
  flushLedger(): Promise<void>;
  /** Stops polling and writes the ledger rows still queued. */
  close(): Promise<void>;
}

export interface GovernanceOptions {
  store: Store;
  logger: Logger;
  pricing: DeploymentPricing;
  config: ResolvedConfig;
  /** How often team and plan policies are re-read (tests shorten it). */
  pollIntervalMs?: number;
}

/** Loads counters from the store once (budget spend, credit balances, policies) and starts the governor. */
export async function startGovernance(options: GovernanceOptions): Promise<Governance> {
  const { store, logger, pricing, config } = options;
  const limits = new MemoryLimitStore();
  const policies = createPolicyCache({
    sources: {
      teamsChangedSince: (ms) => store.teams.changedSince(ms),
      plansChangedSince: (ms) => store.plans.changedSince(ms),
    },
    ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
    onError: (error) =>
      logger.warn({ err: error }, 'policy cache poll failed; serving the policies it last knew'),
  });
  await policies.start();
  const ledgerQueue = createWriteBehindQueue<LedgerRow>({
    write: (rows) => store.creditLedger.appendMany(rows),
    onError: (error, batch) =>
      logger.error({ err: error, rows: batch.length }, 'credit ledger rows could not be written'),
  });
  const credits = new CreditLedger({
    limits,
    repository: store.creditLedger,
    enqueue: (rows) => {
      for (const row of rows) ledgerQueue.enqueue(row);
    },
  });
  const loaded = await credits.load();
  if (loaded.releasedHolds > 0) {
    logger.warn({ holds: loaded.releasedHolds }, 'released credit holds left open by an earlier process');
  }
  await seedBudgetSpend(store.requestLog, limits, Date.now());
  const governor = new Governor({
    limits,
    policies,
    credits,
    estimatePromptTokens,
    guessPromptTokens,
    maxOutputOf: (provider, model) => pricing.entryOf(provider, model)?.maxOutputTokens ?? undefined,
    defaultOutputTokens: config.routing.defaultOutputTokens,
    onSettleError: (error) => logger.error({ err: error }, 'rate-limit counters could not be settled'),
  });
  return {
    governor,
    credits,
    policies,
    limits,
    flushLedger: () => ledgerQueue.flush(),
    async close() {
      policies.stop();
      await ledgerQueue.drain();
    },
  };
}
