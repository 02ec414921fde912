import { PermanentError } from '../../systems/errors.js';
import { commandLine } from '../../invocation.js';
import type { Stage, Step, StepContext } from '../contract.js';
import { ActiveWatcher } from '../fleet/active-watcher.js';
import { importCluster, type ImportDeps } from '../fleet/cluster-import.js';
import { runPool } from '../fleet/fleet-pool.js';
import { defaultRetry } from '../fleet/fleet-retry.js';
import { fleetRunOf, type FleetRun } from '../fleet/fleet-run.js';
import { bundleCommand } from '../../systems/offline-bundle.js';
import { fleetCounts } from '../fleet/fleet-row.js';
import { checkBudget, ensureServerUrl, rowsToDo } from './import-check.js';

/** Rancher is asked about every waiting cluster at once, this often. */
const watchPollMs = 1_000;

function deps(ctx: StepContext, run: FleetRun, watching: Promise<void>[]): ImportDeps {
  return {
    systems: run.systems,
    board: run.board,
    marker: run.facts.marker,
    retry: { attempts: defaultRetry.attempts, baseMs: ctx.timing.retryBaseMs },
    signal: ctx.signal,
    watcher: new ActiveWatcher(
      run.systems.rancher,
      ctx.signal,
      Math.min(watchPollMs, ctx.timing.maxPollMs),
    ),
    connectTimeoutMs: ctx.timing.localClusterMs,
    bundleTimeoutMs: ctx.timing.clusterCreateMs,
    watching,
  };
}

/**
 * The first import alone, with the namespaces of Rancher's cluster counted before and after:
 * what one import really costs NSX-T replaces the assumption, and the budget is checked again
 * with it before the rest start (kept in the session: a resume does not measure twice).
 */
const firstImport: Step = {
  id: 'import.first',
  title: 'The first import, measured',
  async isDone(ctx) {
    return ctx.facts.fleet?.namespacesMeasured === true;
  },
  async run(ctx) {
    const run = fleetRunOf(ctx);
    await ensureServerUrl(ctx);
    const todo = rowsToDo(run);
    const first = todo.find((r) => r.access.kind !== 'offline' && !run.board.get(r.name).clusterId);
    if (!first) return ctx.progress('nothing new to measure with: the budget keeps its assumption');
    const before = await run.systems.localNamespaces();
    const watching: Promise<void>[] = [];
    await importCluster(first, deps(ctx, run, watching));
    await Promise.all(watching);
    ctx.signal.throwIfAborted();
    const after = await run.systems.localNamespaces();
    if (
      run.board.get(first.name).state === 'active' &&
      before !== undefined &&
      after !== undefined
    ) {
      const added = after - before;
      if (added > 0) {
        run.facts.namespacesPerImport = added;
        run.facts.namespacesMeasured = true;
        ctx.progress(
          `${first.name}: the import added ${added} namespace${added === 1 ? '' : 's'} to Rancher's cluster (${before} → ${after})`,
        );
      } else
        ctx.progress(
          `${first.name}: no namespace counted yet (${before} → ${after}); the budget keeps its assumption`,
        );
    }
    run.board.flush();
    const rest = rowsToDo(run).filter((r) => !run.board.get(r.name).clusterId).length;
    if (rest > 0) ctx.progress(await checkBudget(ctx, run, rest));
  },
  runbook: () => [
    {
      kind: 'command',
      argv: ['kubectl', 'get', 'namespaces', '--no-headers'],
      note: 'before and after the first import: the namespaces one import adds',
    },
  ],
};

/** The lines a stopped or unfinished import leaves: each failed row, each bundle waiting. */
function unfinished(run: FleetRun): { failed: string[]; waiting: string[] } {
  const rows = run.board.all();
  return {
    failed: rows
      .filter((r) => r.state === 'failed')
      .map((r) => `${r.name}: ${r.lastError ?? 'failed'} — ${r.fix ?? ''}`),
    waiting: rows
      .filter((r) => r.state === 'bundled')
      .map((r) => `${r.name}: ${bundleCommand.join(' ')} in ${run.systems.bundleDir}/${r.name}`),
  };
}

/** The fleet, N at a time; waits for every agent (and site) to connect. */
const fleet: Step = {
  id: 'import.fleet',
  title: 'Import the fleet',
  async run(ctx) {
    const run = fleetRunOf(ctx);
    await ensureServerUrl(ctx);
    const watching: Promise<void>[] = [];
    const rowDeps = deps(ctx, run, watching);
    const todo = rowsToDo(run);
    ctx.progress(
      `${todo.length} cluster${todo.length === 1 ? '' : 's'} to import, ${run.facts.concurrency} at a time`,
    );
    try {
      await runPool(todo, run.facts.concurrency, (row) => importCluster(row, rowDeps), ctx.signal);
      await Promise.all(watching);
    } finally {
      run.board.flush();
    }
    ctx.signal.throwIfAborted();
    const counts = fleetCounts(run.board.all());
    const { failed, waiting } = unfinished(run);
    ctx.progress(
      `${counts.active} of ${counts.total} active${counts.failed ? `, ${counts.failed} failed` : ''}${counts.bundled ? `, ${counts.bundled} bundles not applied yet` : ''}`,
    );
    if (failed.length === 0 && waiting.length === 0) return;
    for (const line of [...failed, ...waiting]) ctx.progress(line);
    throw new PermanentError(
      [
        failed.length ? `${failed.length} cluster${failed.length === 1 ? '' : 's'} failed` : '',
        waiting.length
          ? `${waiting.length} offline bundle${waiting.length === 1 ? '' : 's'} not applied yet`
          : '',
      ]
        .filter(Boolean)
        .join('; '),
      `fix each as its line says${waiting.length ? ' and apply each bundle at its site' : ''}, then ${commandLine('resume')} (it continues each cluster from what Rancher says)`,
    );
  },
  runbook: () => [
    {
      kind: 'command',
      argv: [
        'curl',
        '-X',
        'POST',
        'https://RANCHER/v3/clusters',
        '-d',
        '{"type":"cluster","name":"NAME","labels":{…}}',
      ],
      note: 'per cluster, unless Rancher already has it (by name; ours carry rancher-pks-tui/imported-by)',
    },
    {
      kind: 'command',
      argv: [
        'curl',
        '-X',
        'POST',
        'https://RANCHER/v3/clusterregistrationtokens',
        '-d',
        '{"type":"clusterRegistrationToken","clusterId":"c-xxxxx"}',
      ],
    },
    {
      kind: 'command',
      argv: [
        'kubectl',
        'apply',
        '--server-side',
        '--field-manager',
        'rancher-pks-tui',
        '-f',
        'https://RANCHER/v3/import/TOKEN_c-xxxxx.yaml',
      ],
      note: 'push clusters; offline ones get a bundle folder (import.yaml, command.txt) for the site',
    },
    { kind: 'check', text: 'GET /v3/clusters/c-xxxxx until its state is active' },
  ],
};

export function importClustersStage(): Stage {
  return { id: 'import-clusters', title: 'Import the clusters', steps: [firstImport, fleet] };
}
