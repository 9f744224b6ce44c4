// Routing cost against catalog size: resolves the same requests with 10, 1,000 and 10,000 catalog
// models and reports microseconds per resolve for every model form. Run: npm run bench:routing
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CanonRequest } from '../src/canon/index.js';
import { createModelCatalog, layerCatalogs, loadDefaultCatalog } from '../src/catalog/index.js';
import { resolveConfig } from '../src/config/index.js';
import { providerPresets } from '../src/providers/presets/index.js';
import { DeploymentHealth } from '../src/routing/health.js';
import { createRouter } from '../src/routing/resolve-plan.js';
import { syntheticCatalog } from './synthetic-catalog.js';

const sizes = [10, 1_000, 10_000];
const forms = [
  'fast',
  'sim/synthetic-5',
  'demo-smart',
  'auto',
  'strategy:cost',
  'strategy:quality',
  'strategy:latency',
  'smart/balanced',
];

function request(model: string): CanonRequest {
  return {
    model,
    messages: [
      {
        role: 'user',
        content: [
          {
            type: 'text',
            text: 'Write a function that merges two sorted lists in Python and explain its complexity.',
          },
        ],
      },
    ],
    sampling: { maxOutputTokens: 200 },
    stream: false,
    streamUsage: false,
    vendor: {},
  };
}

function measure(size: number): Record<string, number> {
  const catalog = layerCatalogs(loadDefaultCatalog(), [
    createModelCatalog(syntheticCatalog(size), `synthetic-${size}`),
  ]);
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
      routing: { policies: { 'smart/balanced': { strategy: 'cost', models: ['fast', 'sim/synthetic-7'] } } },
    },
    { env: {}, dataDir: '/tmp', presets: providerPresets, catalog },
  );
  const router = createRouter(config, catalog, new DeploymentHealth(config.routing));
  const results: Record<string, number> = {};
  for (const form of forms) {
    const body = request(form);
    for (let index = 0; index < 2000; index++) router.resolve(body);
    const rounds = 20_000;
    const started = process.hrtime.bigint();
    for (let index = 0; index < rounds; index++) router.resolve(body);
    results[form] = Number(process.hrtime.bigint() - started) / rounds / 1000;
  }
  return results;
}

const table: Record<number, Record<string, number>> = {};
for (const size of sizes) table[size] = measure(size);
const lines = [
  `| model form | ${sizes.map((size) => `${size.toLocaleString('en')} models`).join(' | ')} |`,
  `|---|${sizes.map(() => '---').join('|')}|`,
  ...forms.map(
    (form) =>
      `| \`${form}\` | ${sizes.map((size) => `${(table[size]?.[form] ?? Number.NaN).toFixed(2)} µs`).join(' | ')} |`,
  ),
];
const report = lines.join('\n');
process.stdout.write(`${report}\n`);
const file = path.resolve(import.meta.dirname, '../BENCHMARKS.md');
const text = readFileSync(file, 'utf8');
const begin = '<!-- routing:begin -->';
const end = '<!-- routing:end -->';
if (text.includes(begin)) {
  writeFileSync(
    file,
    `${text.slice(0, text.indexOf(begin) + begin.length)}\n${report}\n${text.slice(text.indexOf(end))}`,
  );
}
