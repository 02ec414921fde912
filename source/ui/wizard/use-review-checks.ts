import { useEffect, useState } from 'react';
import type { CheckResult } from '../../checks/check.js';
import type { Config } from '../../config/config.js';
import type { WizardData } from './wizard-data.js';

export type ReviewChecks =
  { status: 'idle' | 'checking' } | { status: 'done'; results: CheckResult[] };

/**
 * Runs the review's re-checks whenever the answers parse to a (new) config; the calls stop
 * when the answers change again or the review goes away. A check that cannot run says so
 * itself (a skip), so a rejection here only means "nothing known".
 */
export function useReviewChecks(
  recheck: WizardData['recheck'],
  config: Config | undefined,
): ReviewChecks {
  const [state, setState] = useState<ReviewChecks>({ status: 'idle' });
  useEffect(() => {
    if (!config) {
      setState({ status: 'idle' });
      return;
    }
    const stop = new AbortController();
    setState({ status: 'checking' });
    recheck(config, stop.signal).then(
      (results) => !stop.signal.aborted && setState({ status: 'done', results }),
      () => !stop.signal.aborted && setState({ status: 'idle' }),
    );
    return () => stop.abort();
  }, [recheck, config]);
  return state;
}
