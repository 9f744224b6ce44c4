// CPU cost of rate limits, budgets and credits per request. Bundles bench/governance-measure.ts the way
// `npm run build` bundles the gateway (tsx would add a name-keeping helper call to every closure and
// inflate the figures), runs it in a plain node process and writes the table into BENCHMARKS.md.
// Run: npm run bench:governance   (BENCH_ROUNDS=… to change the 200,000 requests per row)
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

interface Figures {
  node: string;
  rounds: number;
  warmup: number;
  pool: number;
  none: number;
  governedFollowUp: number;
  governedFresh: number;
  governedExactFresh: number;
  guessFresh: number;
  governedNoCount: number;
  tokensFollowUp: number;
  tokensFresh: number;
}

const root = path.resolve(import.meta.dirname, '..');
// Inside the repository so the bundle's bare imports resolve from node_modules.
const outdir = path.join(root, 'node_modules', '.cache', 'switchyard-bench');
mkdirSync(outdir, { recursive: true });
const outfile = path.join(outdir, 'governance-measure.mjs');
await build({
  entryPoints: [path.join(root, 'bench', 'governance-measure.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
});
const run = spawnSync(process.execPath, [outfile], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
});
if (run.status !== 0) throw new Error(`governance benchmark failed (exit ${run.status})`);
const figures = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as Figures;

const µs = (value: number) => `${value.toFixed(2)} µs`;
const report = [
  `Run ${new Date().toISOString()}, Node ${figures.node}, ${figures.rounds.toLocaleString('en')} requests per row after ${figures.warmup.toLocaleString('en')} warm-up; CPU time (user + system) from \`process.cpuUsage\`, divided by the requests.`,
  '',
  '| key | request | µs CPU per request (admit + finish) | of which the prompt-token estimate |',
  '|---|---|---|---|',
  `| no policy | any | ${µs(figures.none)} | — |`,
  `| rpm + tpm + concurrency, daily budget, end-user rpm, prepaid credits | follow-up turn (history seen before, new last message) | **${µs(figures.governedFollowUp)}** | guess ${µs(figures.guessFresh)} |`,
  `| same | first turn (every text new, ${figures.pool.toLocaleString('en')} distinct requests) | **${µs(figures.governedFresh)}** | guess ${µs(figures.guessFresh)} |`,
  `| same | first turn whose guess does not fit a limit (refused try, exact count, second try) | ${µs(figures.governedExactFresh)} | exact count ${µs(figures.tokensFresh)} (follow-up turn ${µs(figures.tokensFollowUp)}) |`,
  `| same | token estimate replaced by a constant (the counters alone) | ${µs(figures.governedNoCount)} | — |`,
].join('\n');
process.stdout.write(`${report}\n`);
const file = path.join(root, 'BENCHMARKS.md');
const text = readFileSync(file, 'utf8');
const begin = '<!-- governance:begin -->';
const end = '<!-- governance:end -->';
if (text.includes(begin)) {
  writeFileSync(
    file,
    `${text.slice(0, text.indexOf(begin) + begin.length)}\n${report}\n${text.slice(text.indexOf(end))}`,
  );
}
