import { Spinner } from '@inkjs/ui';
import { Box } from 'ink';
import { useEffect, useState } from 'react';
import { runPreflight } from '../checks/preflight.js';
import { gateVerdict } from '../checks/preflight-gate.js';
import type { PreflightReport } from '../checks/preflight-report.js';
import type { Config } from '../config/config.js';
import { KeyHints } from './keys/KeyHints.js';
import { PreflightScreen } from './preflight/PreflightScreen.js';
import type { Env } from '../shared/env.js';

export interface PreflightPhaseProps {
  config: Config;
  env: Env;
  /** Before an install: a clean report goes straight on. From the review: always shown. */
  gate: boolean;
  /** Warnings the user accepted on the review: these do not stop the gate again. */
  accepted?: readonly string[];
  /** Resuming an ingress migration: the old controller being there is expected. */
  migratingIngress?: boolean;
  /** The checks to run: the real ones unless a test gives others. */
  preflight?: typeof runPreflight;
  /** Go on, naming the preflight warnings the user accepted (for the transcript). */
  onContinue(acceptedWarnings: string[]): void;
  onBack(): void;
}

/** Runs the preflight (read-only) and shows it; failures block, warnings ask. */
export function PreflightPhase({
  config,
  env,
  gate,
  accepted = [],
  migratingIngress,
  preflight = runPreflight,
  onContinue,
  onBack,
}: PreflightPhaseProps) {
  const [report, setReport] = useState<PreflightReport | undefined>();
  useEffect(() => {
    let live = true;
    void preflight({ config, env, ...(migratingIngress ? { migratingIngress } : {}) }).then((r) => {
      if (!live) return;
      const passed = gateVerdict(r, accepted);
      if (gate && passed.open) onContinue(passed.accepted.map((c) => c.id));
      else setReport(r);
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [config, env, gate]);
  if (!report) {
    return (
      <Box flexDirection="column">
        <Spinner label="Checking everything that can be known before anything changes…" />
        <KeyHints screen="preflight-running" />
      </Box>
    );
  }
  return <PreflightScreen report={report} onContinue={onContinue} onBack={onBack} />;
}
