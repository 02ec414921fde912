import { useApp } from 'ink';
import { useState } from 'react';
import type { Config } from '../config/config.js';
import { answersOf } from '../install/answers-of.js';
import { summaryLines } from '../install/summary.js';
import { SessionError } from '../session/session-error.js';
import type { Session } from '../session/session.js';
import type { SessionStore, SessionSummary } from '../session/session-store.js';
import type { Pks } from '../systems/pks.js';
import type { Env } from '../systems/systems.js';
import { ResumePrompt } from './resume/ResumePrompt.js';
import { RunPhase } from './RunPhase.js';
import { SummaryScreen } from './summary/SummaryScreen.js';
import { summaryModel, type SummaryModel } from '../install/summary-model.js';
import { DraftStore } from './wizard/draft-store.js';
import { Wizard } from './wizard/Wizard.js';
import { wizardDataFromSystems } from './wizard/wizard-data.js';
import { pickAnswers, type WizardAnswers } from './wizard/wizard-answers.js';
import { PreflightPhase } from './PreflightPhase.js';
import { isInterrupt } from './input/key-event.js';
import { useKeys } from './input/use-keys.js';
import { interruptedMessage, keptAnswersMessage } from './parting-messages.js';
import type { runPreflight } from '../checks/preflight.js';

type Phase =
  | { kind: 'resume-offer'; latest: SessionSummary; sessions: SessionSummary[] }
  | {
      kind: 'wizard';
      initial?: WizardAnswers;
      startAt?: 'review';
      /** Typed before a preflight from the review: kept in memory across the trip. */
      password?: string;
    }
  | {
      kind: 'preflight';
      config: Config;
      password?: string;
      gate: boolean;
      /** Resuming this session: the gate runs again, then the run goes on with it. */
      resume?: Session;
    }
  | {
      kind: 'run';
      config: Config;
      session: Session;
      resumed: boolean;
      password?: string;
      acceptedWarnings?: string[];
    }
  | { kind: 'summary'; model: SummaryModel; lines: string[] };

export interface AppStart {
  /** Answers to fill the wizard with (an answers file, or the demo's). */
  initial?: WizardAnswers;
  /** `review`: open the wizard on its review screen. */
  startAt?: 'review';
  /** Go straight to running this session (the `resume` command). */
  resume?: { session: Session; config: Config };
  /** Offer the latest unfinished session before the wizard. */
  offerResume: boolean;
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
    const latest = store.latestUnfinished();
    if (latest) {
      const sessions = store.list().filter((s) => s.status !== 'done');
      const summary = sessions.find((s) => s.id === latest.id) ?? sessions[0];
      if (summary) return { kind: 'resume-offer', latest: summary, sessions };
    }
  }
  return { kind: 'wizard' };
}

/** The session a Ctrl-C leaves unfinished, to say how to resume it. */
function unfinishedSessionOf(phase: Phase): string | undefined {
  if (phase.kind === 'resume-offer') return phase.latest.id;
  return phase.kind === 'preflight' ? phase.resume?.id : undefined;
}

/** The interactive install: resume offer → wizard → run → summary. Logic lives in the engine. */
export function App(props: AppProps) {
  const { env, store, start, onExit } = props;
  const { exit } = useApp();
  const [phase, setPhase] = useState<Phase>(() => firstPhase(props));
  const [drafts] = useState(() => DraftStore.fromEnv(env));
  const [data] = useState(() => wizardDataFromSystems(props.pks));
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
            if (choice.kind === 'start-over') return setPhase({ kind: 'wizard' });
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
          password={phase.password}
          baseDir={props.baseDir}
          env={env}
          onDraft={(answers) => drafts.save(answers)}
          onCancel={() => leave(0, keptAnswersMessage)}
          onPreflight={(config, password) =>
            setPhase({ kind: 'preflight', config, password, gate: false })
          }
          onConfirm={(config, password) =>
            setPhase({ kind: 'preflight', config, password, gate: true })
          }
        />
      );
    case 'preflight':
      return (
        <PreflightPhase
          config={phase.config}
          env={env}
          gate={phase.gate}
          {...(props.preflight ? { preflight: props.preflight } : {})}
          migratingIngress={phase.resume?.plan === 'migrate-ingress'}
          onBack={() =>
            phase.resume
              ? leave(
                  0,
                  `Nothing was changed. Resume when ready: rancher-pks-tui resume ${phase.resume.id}`,
                )
              : setPhase({
                  kind: 'wizard',
                  initial: pickAnswers(phase.config),
                  startAt: 'review',
                  password: phase.password,
                })
          }
          onContinue={(acceptedWarnings) => {
            let session = phase.resume;
            try {
              session ??= store.create(answersOf(phase.config));
            } catch (error) {
              // Another session owns this cluster: say which, and change nothing.
              if (error instanceof SessionError) return leave(2, error.message);
              throw error;
            }
            setPhase({
              kind: 'run',
              config: phase.config,
              session,
              resumed: phase.resume !== undefined,
              password: phase.password ?? props.bootstrapPassword,
              acceptedWarnings,
            });
          }}
        />
      );
    case 'run':
      return (
        <RunPhase
          config={phase.config}
          session={phase.session}
          store={store}
          env={env}
          bootstrapPassword={phase.password}
          resumed={phase.resumed}
          acceptedWarnings={phase.acceptedWarnings}
          onDone={(facts, transcriptPath) => {
            drafts.clear();
            setPhase({
              kind: 'summary',
              model: summaryModel(phase.config, facts, transcriptPath),
              lines: summaryLines(phase.config, facts, transcriptPath),
            });
          }}
          // The run screen's last frame already says how to resume.
          onStopped={(status) => leave(status === 'interrupted' ? 130 : 1)}
        />
      );
    case 'summary':
      return <SummaryScreen model={phase.model} onExit={() => leave(0, phase.lines.join('\n'))} />;
  }
}
