import { readFileSync } from 'node:fs';
import { classifyText } from '../src/routing/classifier/index.js';
const rows = readFileSync('/work/shared/data/router-dev.jsonl','utf8').split('\n').filter(Boolean).map(l=>JSON.parse(l) as {text:string;label:string;category:string});
let seed = 7; const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const pick = <T,>(a: T[]): T => a[Math.floor(rnd() * a.length)]!;
function stripP3(t: string): string {
  return t.replace(/^(Summarize: |Summarise the article:\s*|Article: |First, please read the article below\.\s*|Could you please generate[^\n]*\n\nArticle: )/, '')
    .replace(/\n\n(===\n\n)?(Write a summary of the text above :|Summary:|TL;DR:|Now, can you write me an extremely short abstract for it\?)$/, '');
}
const sumWrap = [
  (d: string) => `Give me the gist of this:\n${d}`,
  (d: string) => `${d}\n\nWhat are the key points of the text above?`,
  (d: string) => `Condense the following news story into two sentences.\n\n${d}`,
  (d: string) => `Read this and write a brief overview for a busy reader:\n"""\n${d}\n"""`,
  (d: string) => `${d}\n\nIn a few sentences, what happened?`,
  (d: string) => `Please provide a short recap of the following report. ${d}`,
];
const codeWrap = [
  (t: string) => `Complete the following Python function:\n\n\`\`\`python\n${t}\n\`\`\``,
  (t: string) => `Implement this:\n${t}`,
  (t: string) => `${t}\n\nPlease write the implementation.`,
];
const mathWrap = [
  (t: string) => `Solve the following problem step by step:\n\n${t}`,
  (t: string) => `Question: ${t}\nAnswer:`,
  (t: string) => `${t} Show your reasoning.`,
];
const stats: Record<string, [number, number]> = {};
for (const r of rows) {
  let t = r.text; let tag = r.label;
  if (r.category.startsWith('p3/')) { t = pick(sumWrap)(stripP3(t)); tag = 'summary/rewrapped'; }
  else if (r.label === 'code') { t = pick(codeWrap)(t); tag = 'code/rewrapped'; }
  else if (r.label === 'reasoning') { t = pick(mathWrap)(t); tag = 'reasoning/rewrapped'; }
  else continue;
  const c = classifyText(t);
  const s = (stats[tag] ??= [0, 0]); s[1]++; if (c.taskClass === r.label) s[0]++;
  else if (process.argv[2] === '-v') console.log(tag, '->', c.taskClass, JSON.stringify(t.slice(0, 120)), JSON.stringify(t.slice(-80)));
}
for (const [k, [ok, n]] of Object.entries(stats)) console.log(k, ok, '/', n, (ok / n).toFixed(3));
