#!/usr/bin/env node
// Entry point of the `switchyard` command: runs the built CLI (npm run build writes dist/).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../dist/switchyard.js', import.meta.url));
if (!existsSync(built)) {
  process.stderr.write('switchyard: dist/switchyard.js is missing; run `npm run build` first.\n');
  process.exit(1);
}
await import(built);
