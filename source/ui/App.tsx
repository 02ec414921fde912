import { useApp } from 'ink';
import { useState } from 'react';
import type { Config } from '../config/config.js';
import type { Session } from '../session/session.js';
import type { SessionStore, SessionSummary } from '../session/session-store.js';
import type { Pks } from '../systems/pks.js';
import { ResumePrompt } from './resume/ResumePrompt.js';
import { RunPhase } from './RunPhase.js';
import { SummaryScreen } from './summary/SummaryScreen.js';
import type { RunRequest } from '../engine/run-request.js';
import { summaryLines, summaryModel, type SummaryModel } from '../engine/summary.js';
import { DraftStore } from './wizard/draft-store.js';
import { Wizard } from './wizard/Wizard.js';
import { wizardDataFromSystems } from './wizard/wizard-data.js';
import { pickAnswers, type PartialAnswers } from '../config/partial-answers.js';
import { PreflightPhase } from './PreflightPhase.js';
import type { Env } from '../shared/env.js';

type Phase =
  | { kind: 'resume-offer'; latest: SessionSummary; sessions: SessionSummary[] }
  | { kind: 'wizard'; initial?: PartialAnswers; startAt?: 'review' }
  | {
      kind: 'preflight';
      config: Config;
      password?: string;
      gate: boolean;
      /** Resuming this session: the gate runs again, then the run goes on with it. */
      resume?: Session;
    }
  | { kind: 'run'; request: RunRequest }
  | { kind: 'summary'; model: SummaryModel; lines: string[] };

export interface AppStart {
  /** Answers to fill the wizard with (an answers file, or the demo's). */
  initial?: PartialAnswers;
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
          baseDir={props.baseDir}
          env={env}
          onDraft={(answers) => drafts.save(answers)}
          onCancel={() => leave(0, 'Nothing was changed. Your answers are kept for next time.')}
          onPreflight={(config) => setPhase({ kind: 'preflight', config, gate: false })}
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
          migratingIngress={phase.resume?.plan === 'migrate-ingress'}
          onBack={() =>
            phase.resume
              ? leave(
                  0,
                  `Nothing was changed. Resume when ready: rancher-pks-tui resume ${phase.resume.id}`,
                )
              : setPhase({ kind: 'wizard', initial: pickAnswers(phase.config), startAt: 'review' })
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
              lines: summaryLines(config, session.facts, transcriptPath),
            });
          }}
          // The run screen's last frame already says how to resume.
          onStopped={(status) => leave(status === 'interrupted' ? 130 : 1)}
          // Another session owns this cluster: say which; nothing was changed.
          onRefused={(message) => leave(2, message)}
        />
      );
    case 'summary':
      return <SummaryScreen model={phase.model} onExit={() => leave(0, phase.lines.join('\n'))} />;
  }
}
