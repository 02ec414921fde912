import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';

// Tests make hundreds of folders (labs, homes, fixtures) and lab processes outlive the test
// that started them; one root per run, removed at the end, keeps /tmp from filling up.
export default function setup(): () => void {
  const root = mkdtempSync(join(process.env.TMPDIR ?? '/tmp', 'rpt-test-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
