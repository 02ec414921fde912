// Bundles the CLI (and the lab's shim) into dist/: one download, no node_modules to
// install, and only the code a command needs is loaded (lazy chunks).
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: ['source/cli.ts', 'source/lab/shim.ts'],
  outdir: 'dist',
  outbase: 'source',
  entryNames: '[dir]/[name]',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  keepNames: true,
  legalComments: 'linked',
  // React's production build: the development one checks and times every render and keeps a
  // performance.measure entry for each (React 19.2 performance tracks), which Node holds until
  // cleared: a long run grew by hundreds of MiB (bench/fleet-table.tsx: 542 MiB after 2 000
  // fleet row changes, 18 MiB with this).
  define: { 'process.env.NODE_ENV': '"production"' },
  // Ink loads it only with DEV=true, to talk to React DevTools.
  external: ['react-devtools-core'],
  // Some dependencies are CommonJS and call require(); give ESM chunks one.
  banner: {
    js: "import { createRequire as __rptRequire } from 'node:module'; const require = __rptRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
