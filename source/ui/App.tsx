import { useApp } from 'ink';
import { useState } from 'react';
import type { Config } from '../config/config.js';
import { resumeCommandLine } from '../invocation.js';
import { SessionLockedError } from '../session/lock.js';
import type { Session } from '../session/session.js';
import type { SessionStore, SessionSummary } from '../session/session-store.js';
import type { Pks } from '../systems/pks.js';
import { ResumePrompt } from './resume/ResumePrompt.js';
import { RunPhase } from './RunPhase.js';
import { SummaryScreen } from './summary/SummaryScreen.js';
import type { RunRequest } from '../engine/run-request.js';
import { summaryModel, type SummaryModel } from '../engine/summary.js';
import { DraftStore } from './wizard/draft-store.js';
import { Wizard } from './wizard/Wizard.js';
import { wizardDataFromSystems } from './wizard/wizard-data.js';
import { pickAnswers, type PartialAnswers } from '../config/partial-answers.js';
import { PreflightPhase } from './PreflightPhase.js';
import type { Env } from '../shared/env.js';
import { isInterrupt } from './input/key-event.js';
import { useKeys } from './input/use-keys.js';
import {
  interruptedMessage,
  keptAnswersMessage,
  stoppedRun,
  withCommand,
} from './parting-messages.js';
import { runReviewChecks, type runPreflight } from '../checks/preflight.js';
import { HelpHost } from './keys/HelpHost.js';

type Phase =
  | { kind: 'resume-offer'; latest: SessionSummary; sessions: SessionSummary[] }
  | {
      kind: 'wizard';
      initial?: PartialAnswers;
      startAt?: 'review';
      /** Typed before a preflight from the review: kept in memory across the trip. */
      password?: string;
    }
  | {
      kind: 'preflight';
      config: Config;
      password?: string;
      gate: boolean;
      /** Warnings accepted on the review (preflight ids): the gate does not ask again. */
      accepted?: readonly string[];
      /** Resuming this session: the gate runs again, then the run goes on with it. */
      resume?: Session;
    }
  | { kind: 'run'; request: RunRequest }
  | { kind: 'summary'; model: SummaryModel };

export interface AppStart {
  /** Answers to fill the wizard with (an answers file, or the demo's). */
  initial?: PartialAnswers;
  /** `review`: open the wizard on its review screen. */
  startAt?: 'review';
  /** What was wrong in the answers file: marked on the review, every one, until edited. */
  fileProblems?: readonly string[];
  /** Go straight to running this session (the `resume` command). */
  resume?: { session: Session; config: Config };
  /** Offer the latest unfinished session before the wizard. */
  offerResume: boolean;
  /** The demo: only demo sessions are offered (and the store makes demo sessions). */
  demo?: boolean;
}

export interface AppProps {
  env: Env;
  store: SessionStore;
  pks: Pks;
  baseDir: string;
  start: AppStart;
  bootstrapPassword?: string;
  /** Resolves the resume choice into a session and its config. */
  openSession(id: string): { session: Session; config: Config };
  onExit(code: number, message?: string): void;
  /** The preflight to run (tests give a fake one; the real one reaches the systems). */
  preflight?: typeof runPreflight;
  /** The review's re-checks (tests give fakes; the real ones reach the systems). */
  reviewChecks?: typeof runReviewChecks;
}

function firstPhase(props: AppProps): Phase {
  const { start, store, bootstrapPassword } = props;
  if (start.resume)
    return {
      kind: 'preflight',
      config: start.resume.config,
      resume: start.resume.session,
      gate: true,
      password: bootstrapPassword,
    };
  if (start.offerResume) {
    const demo = start.demo ?? false;
    const sessions = store
      .list()
      .filter((s) => s.status !== 'done' && Boolean(s.demo) === demo)
      // An uninstall is not this app's to resume: `resume ID` runs it (its own checks first).
      .filter((s) => s.plan !== 'uninstall')
      // A demo session still running belongs to another live demo, with its own lab.
      .filter((s) => !(demo && s.status === 'running'));
    // list() is most recent first: the first is the one to offer.
    const latest = sessions[0];
    if (latest) return { kind: 'resume-offer', latest, sessions };
  }
  return { kind: 'wizard' };
}

/** Removes a session unless a live process took it up meanwhile (then it stays). */
function forgetQuietly(store: SessionStore, id: string): void {
  try {
    store.remove(id);
  } catch (error) {
    if (!(error instanceof SessionLockedError)) throw error;
  }
}

/** The session a Ctrl-C leaves unfinished, to say how to resume it. */
function unfinishedSessionOf(phase: Phase): { id: string; demo?: boolean } | undefined {
  if (phase.kind === 'resume-offer') return phase.latest;
  return phase.kind === 'preflight' ? phase.resume : undefined;
}

/** The interactive install: resume offer → wizard → run → summary. Logic lives in the engine. */
export function App(props: AppProps) {
  // `?` (F1 in a text field) shows the keys of the screen on show, whichever it is.
  return (
    <HelpHost>
      <Phases {...props} />
    </HelpHost>
  );
}

function Phases(props: AppProps) {
  const { env, store, start, onExit } = props;
  const { exit } = useApp();
  const [phase, setPhase] = useState<Phase>(() => firstPhase(props));
  const [drafts] = useState(() => DraftStore.fromEnv(env));
  const [data] = useState(() =>
    wizardDataFromSystems(props.pks, (config, signal) =>
      (props.reviewChecks ?? runReviewChecks)({ config, env, signal }),
    ),
  );
  const leave = (code: number, message?: string) => {
    onExit(code, message);
    exit();
  };

  // Raw mode turns Ctrl-C into a key (no SIGINT), and Ink's own exit on it is off (the run
  // screen stops the install first): every other screen quits here, keeping what it kept.
  useKeys(
    (key) => {
      if (isInterrupt(key)) leave(130, interruptedMessage(unfinishedSessionOf(phase)));
    },
    {
      isActive:
        phase.kind === 'resume-offer' || phase.kind === 'wizard' || phase.kind === 'preflight',
    },
  );

  switch (phase.kind) {
    case 'resume-offer':
      return (
        <ResumePrompt
          latest={phase.latest}
          sessions={phase.sessions}
          onChoice={(choice) => {
            if (choice.kind === 'start-over') {
              // A demo session describes a lab that is gone: starting over forgets it.
              if (phase.latest.demo) forgetQuietly(store, phase.latest.id);
              return setPhase({ kind: 'wizard' });
            }
            const opened = props.openSession(choice.id);
            setPhase({
              kind: 'preflight',
              config: opened.config,
              resume: opened.session,
              gate: true,
              password: props.bootstrapPassword,
            });
          }}
        />
      );
    case 'wizard':
      return (
        <Wizard
          data={data}
          initial={phase.initial ?? start.initial ?? drafts.load()}
          startAt={phase.startAt ?? start.startAt}
          {...(phase.initial === undefined && start.fileProblems
            ? { fileProblems: start.fileProblems }
            : {})}
          password={phase.password}
          baseDir={props.baseDir}
          env={env}
          onDraft={(answers) => drafts.save(answers)}
          onCancel={() => leave(0, keptAnswersMessage)}
          onPreflight={(config, password) =>
            setPhase({ kind: 'preflight', config, password, gate: false })
          }
          onConfirm={(config, password, accepted) =>
            setPhase({
              kind: 'preflight',
              config,
              password,
              gate: true,
              ...(accepted ? { accepted } : {}),
            })
          }
        />
      );
    case 'preflight':
      return (
        <PreflightPhase
          config={phase.config}
          env={env}
          gate={phase.gate}
          {...(phase.accepted ? { accepted: phase.accepted } : {})}
          {...(props.preflight ? { preflight: props.preflight } : {})}
          migratingIngress={phase.resume?.plan === 'migrate-ingress'}
          onBack={() =>
            phase.resume
              ? leave(
                  0,
                  withCommand(
                    'Nothing was changed. Resume when ready with:',
                    resumeCommandLine(phase.resume),
                  ),
                )
              : setPhase({
                  kind: 'wizard',
                  initial: pickAnswers(phase.config),
                  startAt: 'review',
                  password: phase.password,
                })
          }
          onContinue={(acceptedWarnings) =>
            setPhase({
              kind: 'run',
              request: {
                config: phase.config,
                ...(phase.resume ? { session: phase.resume } : { plan: 'install' }),
                store,
                env,
                bootstrapPassword: phase.password ?? props.bootstrapPassword,
                acceptedWarnings,
              },
            })
          }
        />
      );
    case 'run':
      return (
        <RunPhase
          request={phase.request}
          onDone={(session, transcriptPath) => {
            drafts.clear();
            const { config } = phase.request;
            setPhase({
              kind: 'summary',
              model: summaryModel(config, session.facts, transcriptPath),
            });
          }}
          onStopped={(status, session) => {
            const { code, message } = stoppedRun(status, session);
            leave(code, message);
          }}
          // Another session owns this cluster: say which; nothing was changed.
          onRefused={(message) => leave(2, message)}
        />
      );
    case 'summary':
      // The summary is in the scrollback already (<Static>): nothing to say again.
      return <SummaryScreen model={phase.model} onExit={() => leave(0)} />;
  }
}
