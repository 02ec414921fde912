import { setMaxListeners } from 'node:events';
import { cliName } from './desired/pks-rules.js';
import { namespace } from './desired/names.js';
import { planOf } from './plan.js';
import type { Stage } from './contract.js';
import { timingFromEnv } from './timing.js';
import type { CheckNowRequests, RunEvent, RunEventListener } from './contract.js';
import { runPlan, type RunStatus } from './runner.js';
import { sessionRecorder } from './session-recorder.js';
import type { Session } from '../session/session.js';
import type { RunRequest } from './run-request.js';
import type { CommandListener } from '../systems/command.js';
import { createSystems } from '../systems/systems.js';

/** Listeners a run's stop signal may have before Node warns of a leak (each removes its own). */
const runSignalListeners = 100;

/** How a run reaches its caller: events, the stop signals, the password prompt. */
export interface RunHooks {
  onEvent: RunEventListener;
  /** Stop (Ctrl-C): the step running ends, no later step starts; the session stays resumable. */
  signal: AbortSignal;
  /** Stop at once (Ctrl-C again while stopping): children killed, the run given up on now. */
  stopNow?: AbortSignal;
  /** Asks for the PKS password when get-credentials needs it (a terminal only). */
  askPksPassword?: () => Promise<string | undefined>;
  /** "Check now" requests (the run screen's `c`): the waiting step looks again at once. */
  checkNow?: CheckNowRequests;
  /** Extra listener for command output (the UI's command panel). */
  commands?: CommandListener;
  /** Another plan than the session's (tests). */
  stages?: Stage[];
  /** The session the run goes on in, as soon as it is open (before any step). */
  onSession?(session: Session): void;
}

export interface RunResult {
  status: RunStatus;
  session: Session;
  transcriptPath: string;
}

/**
 * One run of a plan: the session (created, or the one to continue), its lock and transcript,
 * the systems, the runner, the final status. A SessionError (another run owns the cluster)
 * is thrown before anything changes.
 */
export async function executeRun(request: RunRequest, hooks: RunHooks): Promise<RunResult> {
  const { config, store, env } = request;
  // Every child, API call, watch and wait of the run listens to these signals at once (a
  // dozen with the panels' watches): past Node's default of 10 it warns over the screen.
  for (const signal of [hooks.signal, hooks.stopNow])
    if (signal) setMaxListeners(runSignalListeners, signal);
  const resumed = request.session !== undefined;
  const session = request.session ?? store.create(config, request.plan ?? 'install');
  // Written at once: a kill before the first step must not lose an uninstall's options.
  if (!resumed && request.facts) session.setFacts(request.facts);
  hooks.onSession?.(session);
  const options = { ...request, ...hooks };
  const lock = store.lock(session.id);
  const transcript = store.transcript(session.id);
  try {
    session.resume();
    transcript.note(
      `${resumed ? 'resume' : session.plan} of ${config.pks.cluster} / ${config.rancher.hostname}`,
    );
    if (options.acceptedWarnings?.length)
      transcript.note(`preflight warnings accepted: ${options.acceptedWarnings.join(', ')}`);
    const systems = createSystems({
      signal: options.signal,
      ...(options.stopNow ? { killSignal: options.stopNow } : {}),
      pksBinary: cliName(config.pks),
      cluster: config.pks.cluster,
      dnsServers: config.dns.servers,
      env,
      commands: {
        started: (argv) => options.commands?.started?.(argv),
        output: (argv, chunk) => options.commands?.output?.(argv, chunk),
        finished: (record) => {
          transcript.command(record.argv, record);
          options.commands?.finished(record);
        },
      },
      api: (method, what, status) => transcript.api(method, what, status),
      ...(config.pks.caCert ? { pksCaCert: config.pks.caCert } : {}),
      ...(options.askPksPassword ? { askPassword: options.askPksPassword } : {}),
      reauthenticate: true,
    });
    // Given up on (stopNow): what the runner still says on its way out is not heard.
    let givenUp = false;
    let kubeAnnounced = false;
    // Once a step has made the cluster's client, the live panels may watch through it.
    const announceKube = (event: RunEvent) => {
      if (kubeAnnounced || (event.type !== 'step-done' && event.type !== 'step-skipped')) return;
      const kube = systems.loadedKube();
      if (!kube) return;
      kubeAnnounced = true;
      options.onEvent({ type: 'kube-ready', kube, namespace });
    };
    const started = Date.now();
    const run = runPlan({
      stages: options.stages ?? planOf(session.plan),
      plan: session.plan,
      context: {
        config,
        systems,
        facts: { ...session.facts },
        signal: options.signal,
        timing: timingFromEnv(env),
        secrets: { bootstrapPassword: options.bootstrapPassword },
        ...(request.fleet ? { fleet: request.fleet } : {}),
        ...(options.checkNow ? { checkNow: options.checkNow } : {}),
      },
      onEvent: (event) => {
        if (givenUp) return;
        if (event.type === 'step-failed')
          transcript.note(
            `FAILED ${event.step}: ${event.error}${event.remedy ? ` — ${event.remedy}` : ''}`,
          );
        options.onEvent(event);
        announceKube(event);
      },
      recorder: sessionRecorder(session),
      sessionId: session.id,
      resumed,
    });
    const atOnce = options.stopNow ? whenAborted(options.stopNow) : undefined;
    const first = await (atOnce ? Promise.race([run, atOnce]) : run);
    const status: RunStatus = first === 'at once' ? 'interrupted' : first;
    if (first === 'at once') {
      givenUp = true;
      transcript.note('stopped at once (Ctrl-C while stopping)');
      options.onEvent({ type: 'run-finished', status, durationMs: Date.now() - started });
    }
    session.finish(status);
    transcript.note(`run ${status}`);
    return { status, session, transcriptPath: transcript.path };
  } finally {
    lock.release();
  }
}

/** Resolves when the signal aborts: the run is not waited for any more. */
function whenAborted(signal: AbortSignal): Promise<'at once'> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve('at once');
    signal.addEventListener('abort', () => resolve('at once'), { once: true });
  });
}
