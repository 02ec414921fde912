import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Lab, type LabStartOptions } from '../../source/lab/lab.js';

const builtShim = fileURLToPath(new URL('../../dist/lab/shim.js', import.meta.url));
const sourceShim = fileURLToPath(new URL('../../source/lab/shim.js', import.meta.url));

/** Whether the lab's shims can run (they need `npm run build`'s dist/lab/shim.js). */
export const labShimBuilt = existsSync(builtShim);

export interface LabFixture {
  lab: Lab;
  dir: string;
  bin(tool: 'pks' | 'tkgi' | 'helm'): string;
  env: Record<string, string | undefined>;
  stop(): Promise<void>;
}

/**
 * An in-process lab whose DIR/bin shims run the built shim: started from the TS
 * sources, the lab points them at source/lab/shim.js, which only exists as .ts.
 */
export async function startLab(options: Partial<LabStartOptions> = {}): Promise<LabFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'rpt-systems-lab-'));
  const lab = await Lab.start({ timescale: 0, ...options, dir });
  for (const tool of ['pks', 'tkgi', 'helm']) {
    const file = join(dir, 'bin', tool);
    writeFileSync(file, readFileSync(file, 'utf8').replace(sourceShim, builtShim), { mode: 0o700 });
  }
  return {
    lab,
    dir,
    bin: (tool) => join(dir, 'bin', tool),
    env: {
      ...process.env,
      KUBECONFIG: join(dir, 'kubeconfig'),
      HELM_REPOSITORY_CONFIG: join(dir, 'helm', 'repositories.yaml'),
      HELM_REPOSITORY_CACHE: join(dir, 'helm', 'cache'),
    },
    async stop() {
      await lab.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
