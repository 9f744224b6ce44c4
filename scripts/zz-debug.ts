import { readFileSync } from 'node:fs';
import { classifyText } from '../src/routing/classifier/index.js';
const want = process.argv[2] ?? '';
const rows = readFileSync('/work/shared/data/router-dev.jsonl','utf8').split('\n').filter(Boolean).map(l=>JSON.parse(l) as {text:string;label:string;category:string});
for (const r of rows) {
  const c = classifyText(r.text);
  if (c.taskClass === r.label) continue;
  if (want && !`${r.label}>${c.taskClass}`.startsWith(want)) continue;
  const f = c.features;
  console.log(`## ${r.label} -> ${c.taskClass} [${r.category}] code=${f.codeScore} rea=${f.reasoningScore} sum=${f.summaryScore} | ${JSON.stringify(f)}`);
  console.log('   ', JSON.stringify(r.text.slice(0, 300)), r.text.length > 300 ? '...' + JSON.stringify(r.text.slice(-150)) : '');
}
