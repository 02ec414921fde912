import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { importShot } from './media/import-shot.js';
import { installShots } from './media/install-shots.js';
import { preflightShot } from './media/preflight-shot.js';
import { statusShot } from './media/status-shot.js';
import { terminalSizes, writeShot, type Shot } from './media/shot.js';
import { wizardShots } from './media/wizard-shots.js';

// README pictures, taken from the built CLI in tmux: `npm run media` remakes media/*.svg
// (100×30) and media/80x24/*.svg (the smallest terminal people use); `npm run media -- import`
// remakes only the scenes named (install, wizard, preflight, import, status).
const started = Date.now();
const only = new Set(process.argv.slice(2));
const scenes = ['install', 'wizard', 'preflight', 'import', 'status'];
for (const name of only)
  if (!scenes.includes(name)) {
    console.error(`media: no scene "${name}"; the scenes: ${scenes.join(', ')}`);
    process.exit(2);
  }
const wanted = (scene: string) => only.size === 0 || only.has(scene);
const dir = fileURLToPath(new URL('../media', import.meta.url));
mkdirSync(dir, { recursive: true });

// Each scene cleans up after itself, so every one is let finish before a failure is reported.
// One size at a time: three scenes at once is what two cores take.
const shots: Shot[] = [];
for (const size of terminalSizes) {
  const results = await Promise.allSettled([
    wanted('install') ? installShots(size) : [],
    wanted('wizard') ? wizardShots(size) : [],
    wanted('preflight') ? preflightShot(size).then((s) => [s]) : [],
  ]);
  const failed = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
  if (failed.length) {
    for (const reason of failed) console.error(reason);
    process.exit(1);
  }
  shots.push(...results.flatMap((r) => (r.status === 'fulfilled' ? r.value : [])));
}
// The import's table: a lab of 60 edge clusters each, so one size at a time, on its own.
if (wanted('import')) for (const size of terminalSizes) shots.push(await importShot(size));
// The status dashboard, at the README's size only.
if (wanted('status')) shots.push(await statusShot());
for (const shot of shots) {
  const { path, bytes } = writeShot(dir, shot);
  console.log(`${path}  ${(bytes / 1024).toFixed(1)} KB`);
}
console.log(`media: done in ${((Date.now() - started) / 1000).toFixed(0)}s`);
