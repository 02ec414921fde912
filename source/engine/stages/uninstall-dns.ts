import type { Config } from '../../config/config.js';
import type { Stage, Step, StepContext } from '../contract.js';
import { waitFor } from '../wait.js';
import { ours, uninstallOptions } from './uninstall-scope.js';

/**
 * The install's manual DNS step, inverted: the A records that pointed at what is gone, shown
 * as an action for the user (or their DNS team), checked live until no resolver answers them
 * with our address any more. A record now pointing elsewhere is someone else's: not ours.
 */

interface DnsRecord {
  name: string;
  ip: string | undefined;
  why: string;
}

function records(ctx: StepContext): DnsRecord[] {
  const list: DnsRecord[] = [
    {
      name: ctx.config.rancher.hostname,
      ip: ctx.facts.vip,
      why: "Rancher's virtual server is gone",
    },
  ];
  const clusterGoes = ours(ctx, 'createdCluster', 'the cluster') === true;
  if (uninstallOptions(ctx).deleteCluster && clusterGoes)
    list.push({
      name: ctx.config.pks.externalHostname,
      ip: ctx.facts.masterIp,
      why: "the cluster's API is gone",
    });
  return list;
}

async function look(ctx: StepContext, record: DnsRecord) {
  const result = await ctx.systems.resolveA(record.name);
  // Unknown address (an uninstall from answers alone): any answer is the record.
  const ours = record.ip ? result.answers.includes(record.ip) : result.answers.length > 0;
  ctx.panel({
    kind: 'dns',
    name: record.name,
    server: result.server,
    answers: result.answers,
    ...(record.ip ? { expected: `no ${record.ip}` } : {}),
    ok: !ours,
    checkedAt: new Date().toISOString(),
  });
  return { ours, answers: result.answers, server: result.server };
}

function line(record: DnsRecord, answers: readonly string[]): string {
  return `${record.name}.  IN  A  ${record.ip ?? answers.join(', ')}`;
}

const dns: Step = {
  id: 'uninstall.dns',
  title: 'DNS records removed',
  async isDone(ctx) {
    for (const record of records(ctx)) if ((await look(ctx, record)).ours) return false;
    return true;
  },
  async run(ctx) {
    let shown = '';
    await waitFor(ctx, {
      what: 'the DNS records to be deleted',
      timeoutMs: ctx.timing.dnsRecordMs,
      remedy: `delete the A records ${records(ctx)
        .map((r) => r.name)
        .join(' and ')} in your DNS, then resume`,
      check: async () => {
        const left: { record: DnsRecord; answers: string[] }[] = [];
        for (const record of records(ctx)) {
          const seen = await look(ctx, record);
          if (seen.ours) left.push({ record, answers: seen.answers });
        }
        const title = left.length
          ? `Delete the DNS A record${left.length > 1 ? 's' : ''} ${left.map((l) => l.record.name).join(' and ')}`
          : '';
        if (title && title !== shown) {
          shown = title;
          ctx.manual({
            title,
            lines: [`${left.map((l) => l.record.why).join('; ')}; checking every few seconds`],
            copy: left.map((l) => line(l.record, l.answers)),
          });
        }
        return {
          done: left.length === 0,
          message: left.length
            ? `still answered: ${left.map((l) => `${l.record.name} → ${l.answers.join(', ')}`).join('; ')}`
            : 'no resolver answers them any more',
        };
      },
    });
  },
  runbook: (config: Config) => [
    {
      kind: 'manual',
      text: `delete the DNS A record ${config.rancher.hostname} (and ${config.pks.externalHostname} with --delete-cluster)`,
    },
    {
      kind: 'command',
      argv: ['nslookup', config.rancher.hostname],
      note: 'until it no longer answers',
    },
  ],
};

export function removeDnsStage(): Stage {
  return { id: 'remove-dns', title: 'DNS', steps: [dns] };
}
