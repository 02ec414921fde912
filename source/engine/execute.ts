import type { Config } from '../config/config.js';
import { cliName } from './desired/pks-rules.js';
import { planOf } from './plan.js';
import type { Stage } from './contract.js';
import { timingFromEnv } from './timing.js';
import type { RunEventListener } from './contract.js';
import { runPlan, type RunStatus } from './runner.js';
import { sessionRecorder } from './session-recorder.js';
import type { Session } from '../session/session.js';
import type { SessionStore } from '../session/session-store.js';
import type { CommandListener } from '../systems/command.js';
import { createSystems } from '../systems/systems.js';
import type { Env } from '../shared/env.js';

export interface ExecuteOptions {
  config: Config;
  session: Session;
  store: SessionStore;
  env: Env;
  bootstrapPassword?: string;
  /** Asks for the PKS password when get-credentials needs it (a terminal only). */
  askPksPassword?: () => Promise<string | undefined>;
  onEvent: RunEventListener;
  /** Stop (Ctrl-C): the step running ends, no later step starts; the session stays resumable. */
  signal: AbortSignal;
  /** Stop at once (Ctrl-C again while stopping): children killed, the run given up on now. */
  stopNow?: AbortSignal;
  resumed: boolean;
  /** Extra listener for command output (the UI's command panel). */
  commands?: CommandListener;
  stages?: Stage[];
  /** Preflight warnings the user accepted to get here; the transcript names each. */
  acceptedWarnings?: readonly string[];
}

export interface ExecuteResult {
  status: RunStatus;
  transcriptPath: string;
}

/** One run of the plan for a session: lock, transcript, systems, runner, final status. */
export async function executeInstall(options: ExecuteOptions): Promise<ExecuteResult> {
  const { config, session, store, env } = options;
  const lock = store.lock(session.id);
  const transcript = store.transcript(session.id);
  try {
    session.resume();
    transcript.note(
      `${options.resumed ? 'resume' : 'install'} of ${config.pks.cluster} / ${config.rancher.hostname}`,
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
    const started = Date.now();
    const run = runPlan({
      stages: options.stages ?? planOf(session.plan),
      context: {
        config,
        systems,
        facts: { ...session.facts },
        signal: options.signal,
        timing: timingFromEnv(env),
        secrets: { bootstrapPassword: options.bootstrapPassword },
      },
      onEvent: (event) => {
        if (givenUp) return;
        if (event.type === 'step-failed')
          transcript.note(
            `FAILED ${event.step}: ${event.error}${event.remedy ? ` — ${event.remedy}` : ''}`,
          );
        options.onEvent(event);
      },
      recorder: sessionRecorder(session),
      sessionId: session.id,
      resumed: options.resumed,
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
    return { status, transcriptPath: transcript.path };
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
