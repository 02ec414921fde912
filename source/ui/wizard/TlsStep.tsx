import { StatusMessage } from '@inkjs/ui';
import { Box, Text } from 'ink';
import { isKey } from '../input/key-event.js';
import { useKeys } from '../input/use-keys.js';
import { useState } from 'react';
import { answerFieldProblem, type AnswerField } from '../../config/field-rules.js';
import { caCertsFileName } from '../../config/schema.js';
import type { TlsFinding } from '../../systems/tls.js';
import { KeyHints } from '../keys/KeyHints.js';
import { Loading } from './Loading.js';
import { PathField } from './PathField.js';
import type { StepProps } from './step-props.js';
import {
  certificateHostname,
  failedFindings,
  fieldToFix,
  tlsPathsFor,
  warningFindings,
} from './tls-findings.js';
import { errorText } from './use-async.js';
import { useFieldFocus } from './use-field-focus.js';
import { useLabelLayout } from '../use-label-layout.js';

type Slot = 'cert' | 'key' | 'caCerts';
const slots: readonly Slot[] = ['cert', 'key', 'caCerts'];
const labels: Record<Slot, string> = {
  cert: 'Certificate (server first, then intermediates)',
  key: 'Private key (PEM, no passphrase)',
  caCerts: `CA certificate (named ${caCertsFileName})`,
};

type Mode =
  | { kind: 'editing' }
  | { kind: 'checking' }
  | { kind: 'failed'; findings: TlsFinding[] }
  /** Only warnings: shown, and Enter goes on anyway. */
  | { kind: 'warned'; findings: TlsFinding[] };

export interface TlsStepProps extends StepProps {
  /** Where relative paths start (the answers file's folder, or the current one). */
  baseDir: string;
}

/** The certificate, its key and cacerts.pem, checked together before moving on. */
export function TlsStep(props: TlsStepProps) {
  const { answers, errors, data, baseDir, onSubmit, onReject, onClearError } = props;
  const [paths, setPaths] = useState<Record<Slot, string>>({
    cert: answers.tls?.cert ?? '',
    key: answers.tls?.key ?? '',
    caCerts: answers.tls?.caCerts ?? '',
  });
  const [mode, setMode] = useState<Mode>({ kind: 'editing' });
  const editing = mode.kind === 'editing' || mode.kind === 'failed';
  const [focused, setFocused] = useFieldFocus(slots, editing);
  const layout = useLabelLayout(Object.values(labels));

  useKeys((key) => isKey(key, 'return') && onSubmit({ tls: paths }), {
    isActive: mode.kind === 'warned',
  });

  const fieldProblem = (slot: Slot) => answerFieldProblem(`tls.${slot}`, paths[slot]);

  const check = async () => {
    setMode({ kind: 'checking' });
    try {
      const findings = await data.checkTls(
        tlsPathsFor(paths, baseDir),
        certificateHostname(answers),
      );
      if (failedFindings(findings).length > 0) {
        setMode({ kind: 'failed', findings });
        const field = fieldToFix(findings);
        if (field) setFocused(field.replace('tls.', '') as Slot);
      } else if (warningFindings(findings).length > 0) setMode({ kind: 'warned', findings });
      else onSubmit({ tls: paths });
    } catch (error) {
      setMode({ kind: 'editing' });
      onReject({ 'tls.cert': `tls: the files could not be checked: ${errorText(error)}` });
    }
  };

  /** Enter moves to the next file; on the last, all three are checked together. */
  const submit = (slot: Slot) => {
    const problem = fieldProblem(slot);
    if (problem) return onReject({ [`tls.${slot}`]: problem });
    const next = slots[slots.indexOf(slot) + 1];
    if (next) return setFocused(next);
    const firstBad = slots.find((s) => fieldProblem(s));
    if (firstBad) {
      setFocused(firstBad);
      return onReject({ [`tls.${firstBad}`]: fieldProblem(firstBad) });
    }
    void check();
  };

  const change = (slot: Slot, value: string) => {
    setPaths((current) => ({ ...current, [slot]: value }));
    onClearError(`tls.${slot}` as AnswerField);
  };

  return (
    <Box flexDirection="column">
      <Text>The files for the TLS secrets (relative paths start at {baseDir}). Tab completes.</Text>
      {slots.map((slot) => (
        <PathField
          key={slot}
          label={labels[slot]}
          layout={layout}
          value={paths[slot]}
          isFocused={editing && focused === slot}
          baseDir={baseDir}
          error={errors[`tls.${slot}`]}
          onChange={(value) => change(slot, value)}
          onSubmit={() => submit(slot)}
        />
      ))}
      {mode.kind === 'checking' && <Loading inline label="Checking the certificate, key and CA…" />}
      {(mode.kind === 'failed' || mode.kind === 'warned') && <Findings findings={mode.findings} />}
      <KeyHints
        screen={
          mode.kind === 'warned'
            ? 'tls-warned'
            : mode.kind === 'checking'
              ? 'loading'
              : 'path-fields'
        }
      />
    </Box>
  );
}

function Findings({ findings }: { findings: readonly TlsFinding[] }) {
  const shown = [...failedFindings(findings), ...warningFindings(findings)];
  return (
    <Box flexDirection="column" marginTop={1}>
      {shown.map((finding) => (
        <Box key={finding.id} flexDirection="column">
          <StatusMessage variant={finding.status === 'fail' ? 'error' : 'warning'}>
            {finding.message}
          </StatusMessage>
          {finding.remedy && <Text dimColor> {finding.remedy}</Text>}
        </Box>
      ))}
    </Box>
  );
}
