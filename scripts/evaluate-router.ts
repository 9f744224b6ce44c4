// Evaluates the `auto` router's prompt classifier on a labelled JSONL file.
//   node --import tsx scripts/evaluate-router.ts [path] [--json]
// The default path is ../shared/data/router-dev.jsonl, resolved from the repository root. The data is
// read in place and never copied into the repository.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Classification,
  classifyText,
  TASK_CLASSES,
  type TaskClass,
} from '../src/routing/classifier/index.js';

interface Item {
  text: string;
  label: TaskClass;
  category: string;
}

const WARMUP_ROUNDS = 3;
/**
 * Each item is timed in several batches and the fastest batch's mean is kept, so that other processes
 * on the machine (CI neighbours, a benchmark) inflate the figures as little as possible.
 */
const TIMED_BATCHES = 5;
const RUNS_PER_BATCH = 5;
const BUCKETS = [
  { name: '<1KB', maxBytes: 1024 },
  { name: '1-2KB', maxBytes: 2048 },
  { name: '2-4KB', maxBytes: 4096 },
  { name: '4-16KB', maxBytes: 16_384 },
  { name: '>=16KB', maxBytes: Number.POSITIVE_INFINITY },
] as const;

function isTaskClass(value: unknown): value is TaskClass {
  return typeof value === 'string' && (TASK_CLASSES as readonly string[]).includes(value);
}

function readItems(path: string): Item[] {
  const items: Item[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const record: unknown = JSON.parse(line);
    if (typeof record !== 'object' || record === null) continue;
    const { text, label, category } = record as Record<string, unknown>;
    if (typeof text !== 'string' || !isTaskClass(label)) continue;
    items.push({ text, label, category: typeof category === 'string' ? category : '' });
  }
  return items;
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index] ?? 0;
}

function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Microseconds per call for each item (best batch mean), measured after warming the JIT up on every item. */
function timeItems(items: Item[]): number[] {
  for (let round = 0; round < WARMUP_ROUNDS; round++) for (const item of items) classifyText(item.text);
  return items.map((item) => {
    let best = Number.POSITIVE_INFINITY;
    for (let batch = 0; batch < TIMED_BATCHES; batch++) {
      const start = process.hrtime.bigint();
      for (let run = 0; run < RUNS_PER_BATCH; run++) classifyText(item.text);
      best = Math.min(best, Number(process.hrtime.bigint() - start) / 1000 / RUNS_PER_BATCH);
    }
    return best;
  });
}

/** How far the prediction was from the truth, by the classifier's own scores (for "worst" items). */
function confidenceGap(result: Classification, label: TaskClass): number {
  const score = (taskClass: TaskClass): number => {
    if (taskClass === 'long_context') return result.estimatedTokens / 1000;
    if (taskClass === 'chat') return 3; // the score any other class needs to beat chat
    return result.features[`${taskClass}Score`] ?? 0;
  };
  return score(result.taskClass) - score(label);
}

const args = process.argv.slice(2);
const asJson = args.includes('--json');
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const path = resolve(
  repoRoot,
  args.find((arg) => !arg.startsWith('--')) ?? '../shared/data/router-dev.jsonl',
);
const items = readItems(path);
const results = items.map((item) => classifyText(item.text));

const confusion: Record<TaskClass, Record<TaskClass, number>> = Object.fromEntries(
  TASK_CLASSES.map((row) => [row, Object.fromEntries(TASK_CLASSES.map((column) => [column, 0]))]),
) as Record<TaskClass, Record<TaskClass, number>>;
const categoryHits = new Map<string, { total: number; correct: number }>();
items.forEach((item, index) => {
  const predicted = results[index]?.taskClass ?? 'chat';
  confusion[item.label][predicted]++;
  const family = `${item.label}/${item.category.split('/')[0] ?? ''}`;
  const entry = categoryHits.get(family) ?? { total: 0, correct: 0 };
  entry.total++;
  if (predicted === item.label) entry.correct++;
  categoryHits.set(family, entry);
});

const perClass = TASK_CLASSES.map((taskClass) => {
  const truePositive = confusion[taskClass][taskClass];
  const actual = TASK_CLASSES.reduce((sum, column) => sum + confusion[taskClass][column], 0);
  const predicted = TASK_CLASSES.reduce((sum, row) => sum + confusion[row][taskClass], 0);
  const precision = predicted === 0 ? 0 : truePositive / predicted;
  const recall = actual === 0 ? 0 : truePositive / actual;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { taskClass, count: actual, precision: round(precision), recall: round(recall), f1: round(f1) };
});
const present = perClass.filter((row) => row.count > 0);
const macroRecall = round(present.reduce((sum, row) => sum + row.recall, 0) / present.length);
const macroF1 = round(present.reduce((sum, row) => sum + row.f1, 0) / present.length);
const accuracy = round(
  TASK_CLASSES.reduce((sum, taskClass) => sum + confusion[taskClass][taskClass], 0) / items.length,
);

const micros = timeItems(items);
const bytes = items.map((item) => Buffer.byteLength(item.text, 'utf8'));
function timing(indexes: number[]) {
  const times = indexes.map((index) => micros[index] ?? 0).sort((a, b) => a - b);
  const perKilobyte = indexes
    .map((index) => (micros[index] ?? 0) / Math.max(1, (bytes[index] ?? 0) / 1024))
    .sort((a, b) => a - b);
  return {
    items: indexes.length,
    p50: round(percentile(times, 0.5), 2),
    p99: round(percentile(times, 0.99), 2),
    microsPerKilobyteP50: round(percentile(perKilobyte, 0.5), 2),
  };
}
const allIndexes = items.map((_, index) => index);
let lowerBound = 0;
const timingByBucket = BUCKETS.map((bucket) => {
  const indexes = allIndexes.filter((index) => {
    const size = bytes[index] ?? 0;
    return size >= lowerBound && size < bucket.maxBytes;
  });
  lowerBound = bucket.maxBytes;
  return { bucket: bucket.name, ...timing(indexes) };
});

const worst = items
  .map((item, index) => ({ item, result: results[index] }))
  .filter((entry): entry is { item: Item; result: Classification } => entry.result !== undefined)
  .filter(({ item, result }) => result.taskClass !== item.label)
  .sort((a, b) => confidenceGap(b.result, b.item.label) - confidenceGap(a.result, a.item.label))
  .slice(0, 10)
  .map(({ item, result }) => ({
    label: item.label,
    predicted: result.taskClass,
    category: item.category,
    reason: result.reason,
    start: item.text.slice(0, 100).replace(/\s+/g, ' '),
  }));

/** p50 and p90 of the complexity the classifier gave, per true label. */
const complexityByLabel = Object.fromEntries(
  TASK_CLASSES.map((taskClass) => {
    const values = items
      .map((item, index) => (item.label === taskClass ? (results[index]?.complexity ?? 0) : -1))
      .filter((value) => value >= 0)
      .sort((a, b) => a - b);
    return [taskClass, { p50: round(percentile(values, 0.5), 2), p90: round(percentile(values, 0.9), 2) }];
  }),
);

const summary = {
  path,
  items: items.length,
  accuracy,
  macroRecall,
  macroF1,
  perClass,
  confusion,
  recallByFamily: Object.fromEntries(
    [...categoryHits.entries()]
      .sort()
      .map(([family, { total, correct }]) => [family, round(correct / total)]),
  ),
  complexityByLabel,
  timing: {
    method: `best of ${TIMED_BATCHES} batches of ${RUNS_PER_BATCH} calls per item, after ${WARMUP_ROUNDS} warm-up rounds`,
    overall: timing(allIndexes),
    byBucket: timingByBucket,
  },
  worst,
};

if (asJson) {
  console.log(JSON.stringify(summary, null, 2));
} else {
  const pad = (value: string | number, width: number) => String(value).padStart(width);
  console.log(`${items.length} items from ${path}\n`);
  console.log('class         count  precision  recall     f1');
  for (const row of perClass) {
    console.log(
      `${row.taskClass.padEnd(13)}${pad(row.count, 6)}${pad(row.precision.toFixed(3), 11)}${pad(row.recall.toFixed(3), 8)}${pad(row.f1.toFixed(3), 7)}`,
    );
  }
  console.log(
    `\naccuracy ${accuracy.toFixed(3)}   macro recall ${macroRecall.toFixed(3)}   macro F1 ${macroF1.toFixed(3)}`,
  );
  console.log('\nconfusion (rows = true label, columns = predicted)');
  console.log(`${''.padEnd(13)}${TASK_CLASSES.map((column) => pad(column.slice(0, 12), 13)).join('')}`);
  for (const row of TASK_CLASSES) {
    console.log(`${row.padEnd(13)}${TASK_CLASSES.map((column) => pad(confusion[row][column], 13)).join('')}`);
  }
  console.log('\nrecall by family');
  for (const [family, recall] of Object.entries(summary.recallByFamily))
    console.log(`  ${family.padEnd(40)}${recall}`);
  console.log('\ncomplexity by true label (p50 / p90)');
  for (const [label, { p50, p90 }] of Object.entries(complexityByLabel)) {
    console.log(`  ${label.padEnd(14)}${p50.toFixed(2)} / ${p90.toFixed(2)}`);
  }
  console.log(
    `\ntime per prompt (us; best of ${TIMED_BATCHES} batches of ${RUNS_PER_BATCH} runs per item, after ${WARMUP_ROUNDS} warm-up rounds)`,
  );
  console.log('bucket       items     p50     p99   us/KB p50');
  for (const row of [{ bucket: 'all', ...summary.timing.overall }, ...timingByBucket]) {
    console.log(
      `${row.bucket.padEnd(10)}${pad(row.items, 8)}${pad(row.p50.toFixed(2), 8)}${pad(row.p99.toFixed(2), 8)}${pad(row.microsPerKilobyteP50.toFixed(2), 12)}`,
    );
  }
  console.log('\nworst misclassified');
  for (const entry of worst) console.log(`  ${entry.label} -> ${entry.predicted}: ${entry.start}`);
}
