import { plan } from '../plan/plan.js';
import { renderRunbook } from '../plan/runbook.js';
import { loadConfigOrFail, withDemo } from './config-source.js';

export async function planAction(options: {
  answers?: string;
  demo?: boolean;
  timescale: string;
}): Promise<void> {
  const print = async (config: Parameters<typeof renderRunbook>[1]) => {
    process.stdout.write(renderRunbook(plan(), config));
    return 0;
  };
  process.exitCode = await withDemo(
    options,
    (config) => print(config),
    () => print(loadConfigOrFail(options.answers, process.env)),
  );
}
