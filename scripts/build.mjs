// Bundles the CLI and server into dist/switchyard.js (dependencies stay external, loaded from node_modules).
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/index.ts'],
  outdir: 'dist',
  entryNames: 'switchyard',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
