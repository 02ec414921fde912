import type { SessionPlan } from '../../session/session-record.js';

/** How the run screen names a plan: its header, and the line when it is done. */
export const planTitles: Record<SessionPlan, { header: string; done: string }> = {
  install: { header: 'Rancher HA on Enterprise PKS', done: 'Install finished' },
  'migrate-ingress': { header: "Moving Rancher's ingress controller", done: 'Migration finished' },
  uninstall: { header: 'Uninstalling Rancher', done: 'Uninstall finished' },
  upgrade: { header: 'Upgrading Rancher', done: 'Upgrade finished' },
  'rotate-certs': { header: "Rotating Rancher's certificates", done: 'Rotation finished' },
  import: { header: 'Importing clusters into Rancher', done: 'Import finished' },
};
