// The measurement behind `npm run bench:governance` (bench/governance.ts bundles it the way the
// gateway is built and runs it in a plain node process): CPU per request of Governor.admit + finish for
// a governed key (rpm, tpm and concurrency limits, a daily budget, an end-user limit and prepaid
// credits, so the prompt-token estimate and the maximum cost run) and for a key with no policy.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Principal } from '../src/auth/index.js';
import type { CanonRequest } from '../src/canon/index.js';
import { loadDefaultCatalog } from '../src/catalog/index.js';
import { resolveConfig } from '../src/config/index.js';
import { CreditLedger } from '../src/governance/credits.js';
import type { LedgerRow } from '../src/governance/credits-api.js';
import { Governor } from '../src/governance/governor.js';
import { MemoryLimitStore } from '../src/governance/memory-limit-store.js';
import { compilePolicy, emptyPolicy } from '../src/governance/policy.js';
import type { PolicyCache } from '../src/governance/policy-cache.js';
import { estimatePromptTokens, guessPromptTokens } from '../src/limits/estimate-tokens.js';
import type { RequestContext } from '../src/pipeline/context.js';
import type { SettledResult } from '../src/pipeline/stages/settle.js';
import { providerPresets } from '../src/providers/presets/index.js';
import { DeploymentHealth } from '../src/routing/health.js';
import { createRouter } from '../src/routing/resolve-plan.js';
import { openStore } from '../src/store/index.js';

const warmup = 20_000;

const rounds = Number(process.env.BENCH_ROUNDS ?? 200_000);

const warmupText = 'warm-up';
const system =
  'You are a careful senior engineer. Answer concisely, show code when it helps, and say when you are unsure.';
const question = 'How do I read a large CSV file in Python without loading it all?';
const answer =
  'Use the csv module with a file iterator, or pandas.read_csv with chunksize=100_000, and process each chunk as it arrives so memory stays bounded by the chunk size rather than the file size.';
const followUp =
  'Thanks. Now I need to group rows by customer id and sum the amount column across all chunks, then write the top 100 customers to a new file. The file is about 40 GB and has 12 columns; the amount column sometimes holds empty strings. What is the fastest approach on a laptop with 16 GB of RAM, and how would the code look?';

/**
 * A typical chat turn (about 700 characters): a system prompt, one earlier exchange and a question. A
 * follow-up turn re-sends the same history with a new last message; a first turn has every text new.
 * Texts are made distinct with a ticket number so no request is counted from memory it should not be.
 */
function chat(ticket: string, firstTurn: boolean): CanonRequest {
  const tag = (text: string) => (firstTurn ? `${text} (ticket ${ticket})` : text);
  return {
    model: 'fast',
    messages: [
      { role: 'system', content: [{ type: 'text', text: tag(system) }] },
      { role: 'user', content: [{ type: 'text', text: tag(question) }] },
      { role: 'assistant', content: [{ type: 'text', text: tag(answer) }] },
      { role: 'user', content: [{ type: 'text', text: `${followUp} (ticket ${ticket})` }] },
    ],
    sampling: { maxOutputTokens: 800 },
    stream: false,
    streamUsage: false,
    endUser: 'customer-42',
    vendor: {},
  };
}

/** Built before measuring, so building them is not counted; larger than any memo of recent texts. */
const pool = 20_000;
const build = (label: string, firstTurn: boolean) =>
  Array.from({ length: pool }, (_, index) => chat(`${label}-${index}`, firstTurn));
const request = chat(warmupText, false);

function principal(keyId: string, policy: Principal['policy']): Principal {
  return {
    keyId,
    name: keyId,
    allowedModels: null,
    metadata: null,
    expiresAt: null,
    teamId: null,
    planId: null,
    policy,
  };
}

const governedPolicy = compilePolicy({
  limits: { rpm: 1_000_000_000, tpm: 1_000_000_000, concurrency: 1_000 },
  budgets: [{ period: 'day', usd: 1_000_000 }],
  end_user_limits: { rpm: 1_000_000_000 },
  require_credits: true,
});

const config = resolveConfig(
  {
    providers: { sim: { type: 'simulator', baseUrl: 'http://127.0.0.1:9/v1' } },
    models: {
      fast: {
        targets: [
          { provider: 'sim', model: 'demo-fast' },
          { provider: 'sim', model: 'demo-smart' },
        ],
      },
    },
  },
  { env: {}, dataDir: '/tmp', presets: providerPresets, catalog: loadDefaultCatalog() },
);
const plan = createRouter(config, loadDefaultCatalog(), new DeploymentHealth(config.routing)).resolve(
  request,
);

const directory = mkdtempSync(path.join(os.tmpdir(), 'switchyard-bench-governance-'));
const store = await openStore({ dataDir: directory });
const limits = new MemoryLimitStore();
const noPolicies: PolicyCache = {
  team: () => undefined,
  plan: () => undefined,
  start: () => Promise.resolve(),
  stop: () => {},
  refresh: () => Promise.resolve(),
};
// Ledger rows go to the write-behind queue, written in batches of 500 off the request path; here they
// are collected in batches of that size and dropped (the SQLite write is not part of this figure).
let queued: LedgerRow[] = [];
const credits = new CreditLedger({
  limits,
  repository: store.creditLedger,
  enqueue: (rows) => {
    queued.push(...rows);
    if (queued.length >= 500) queued = [];
  },
});
await credits.topUp({ tenant: 'k-governed', endUser: 'customer-42' }, 1_000_000_000_000, 'bench');
const governorOf = (
  estimate: (request: CanonRequest) => Promise<number>,
  guess: (request: CanonRequest) => number,
) =>
  new Governor({
    limits,
    policies: noPolicies,
    credits,
    estimatePromptTokens: estimate,
    guessPromptTokens: guess,
    maxOutputOf: () => 8_192,
    defaultOutputTokens: config.routing.defaultOutputTokens,
    onSettleError: (error) => {
      throw error;
    },
  });
const defaultGovernor = governorOf(estimatePromptTokens, guessPromptTokens);
// A guess too large for the token limit: every request pays the refused first try and the exact
// count (what a request near a limit costs).
const exactGovernor = governorOf(estimatePromptTokens, () => 2_000_000_000);
// The same governance with the token count replaced by a constant: what the counters themselves cost.
const governorWithoutCount = governorOf(
  () => Promise.resolve(250),
  () => 250,
);

const result: SettledResult = {
  outcome: 'success',
  status: 200,
  usage: { input: { total: 260 }, output: { total: 410 } },
  usageEstimated: false,
  costMicros: 120,
};

function context(who: Principal, request: CanonRequest, index: number): RequestContext {
  // Only the fields governance reads; the rest of a real context is the pipeline's business.
  return {
    id: `bench-${index}`,
    principal: who,
    request,
    plan,
    warnings: [],
    attempts: [],
    fallbackUsed: false,
  } as unknown as RequestContext;
}

async function measure(
  who: Principal,
  requests: readonly CanonRequest[],
  governor: Governor = defaultGovernor,
): Promise<number> {
  for (let index = 0; index < warmup; index++) {
    const ctx = context(who, requests[index % requests.length] as CanonRequest, index);
    await governor.admit(ctx);
    governor.finish(ctx, result);
  }
  const before = process.cpuUsage();
  for (let index = 0; index < rounds; index++) {
    const ctx = context(who, requests[index % requests.length] as CanonRequest, index);
    await governor.admit(ctx);
    governor.finish(ctx, result);
  }
  const used = process.cpuUsage(before);
  return (used.user + used.system) / rounds;
}

async function measureGuess(requests: readonly CanonRequest[]): Promise<number> {
  let sink = 0;
  for (let index = 0; index < warmup; index++)
    sink += guessPromptTokens(requests[index % requests.length] as CanonRequest);
  const before = process.cpuUsage();
  for (let index = 0; index < rounds; index++)
    sink += guessPromptTokens(requests[index % requests.length] as CanonRequest);
  const used = process.cpuUsage(before);
  if (sink < 0) throw new Error('unreachable');
  return (used.user + used.system) / rounds;
}

async function measureTokens(requests: readonly CanonRequest[]): Promise<number> {
  for (let index = 0; index < warmup; index++)
    await estimatePromptTokens(requests[index % requests.length] as CanonRequest);
  const before = process.cpuUsage();
  for (let index = 0; index < rounds; index++)
    await estimatePromptTokens(requests[index % requests.length] as CanonRequest);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / rounds;
}

const governed = principal('k-governed', governedPolicy);
const bare = principal('k-bare', emptyPolicy);
// Governed first checks it really is: the admission must hold five counters and a credit hold.
{
  const ctx = context(governed, request, -1);
  await defaultGovernor.admit(ctx);
  const held = ctx.governance?.checks.map((check) => check.kind).join(',');
  if (held !== 'requests,tokens,concurrency,budget,requests,credits')
    throw new Error(`unexpected checks: ${held}`);
  defaultGovernor.finish(ctx, result);
}
const figures = {
  none: await measure(bare, [request]),
  governedNoCount: await measure(governed, build('no-count', false), governorWithoutCount),
  governedFollowUp: await measure(governed, build('follow-up', false)),
  governedFresh: await measure(governed, build('first', true)),
  governedExactFresh: await measure(governed, build('exact-first', true), exactGovernor),
  guessFresh: await measureGuess(build('guess-first', true)),
  tokensFollowUp: await measureTokens(build('tokens-follow-up', false)),
  tokensFresh: await measureTokens(build('tokens-first', true)),
};
await store.close();
rmSync(directory, { recursive: true, force: true });

process.stdout.write(`${JSON.stringify({ node: process.version, rounds, warmup, pool, ...figures })}\n`);
