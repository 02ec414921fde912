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
  // Ink loads it only with DEV=true, to talk to React DevTools.
  external: ['react-devtools-core'],
  // Some dependencies are CommonJS and call require(); give ESM chunks one.
  banner: {
    js: "import { createRequire as __rptRequire } from 'node:module'; const require = __rptRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
