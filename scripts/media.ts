import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { installShots } from './media/install-shots.js';
import { preflightShot } from './media/preflight-shot.js';
import { statusShot } from './media/status-shot.js';
import { terminalSizes, writeShot, type Shot } from './media/shot.js';
import { wizardShots } from './media/wizard-shots.js';

// README pictures, taken from the built CLI in tmux: `npm run media` remakes media/*.svg
// (100×30) and media/80x24/*.svg (the smallest terminal people use).
const started = Date.now();
const dir = fileURLToPath(new URL('../media', import.meta.url));
mkdirSync(dir, { recursive: true });

// Each scene cleans up after itself, so every one is let finish before a failure is reported.
// One size at a time: three scenes at once is what two cores take.
const shots: Shot[] = [];
for (const size of terminalSizes) {
  const results = await Promise.allSettled([
    installShots(size),
    wizardShots(size),
    preflightShot(size).then((s) => [s]),
  ]);
  const failed = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
  if (failed.length) {
    for (const reason of failed) console.error(reason);
    process.exit(1);
  }
  shots.push(...results.flatMap((r) => (r.status === 'fulfilled' ? r.value : [])));
}
// The status dashboard, at the README's size only.
shots.push(await statusShot());
for (const shot of shots) {
  const { path, bytes } = writeShot(dir, shot);
  console.log(`${path}  ${(bytes / 1024).toFixed(1)} KB`);
}
console.log(`media: done in ${((Date.now() - started) / 1000).toFixed(0)}s`);
