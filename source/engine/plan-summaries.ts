import type { Config } from '../config/config.js';
import type { SessionPlan } from '../session/session-record.js';
import type { Facts } from './facts.js';
import { summaryLines } from './summary.js';
import { uninstallSummaryLines } from './uninstall-summary.js';
import { rotateSummaryLines } from './rotate-summary.js';
import { upgradeSummaryLines } from './upgrade-summary.js';
import { importSummaryLines } from './import-summary.js';

/** What a finished run says, as lines. */
export type SummaryLines = (config: Config, facts: Facts, transcriptPath: string) => string[];

/** Each plan's closing lines: the line reporter prints them, a run screen leaves with them. */
export const summaryLinesOf: Record<SessionPlan, SummaryLines> = {
  install: summaryLines,
  'migrate-ingress': summaryLines,
  uninstall: uninstallSummaryLines,
  upgrade: upgradeSummaryLines,
  'rotate-certs': rotateSummaryLines,
  import: importSummaryLines,
};
