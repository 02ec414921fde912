import type { Config } from '../../config/config.js';
import { PermanentError } from '../../systems/errors.js';
import type { Step, StepContext } from '../contract.js';
import { waitFor } from '../wait.js';
import { recordAction } from '../desired/dns-record.js';

export interface DnsRecordStepOptions {
  id: string;
  title: string;
  name: (config: Config) => string;
  expected: (ctx: StepContext) => string | undefined;
  why: string;
  timeout: (ctx: StepContext) => number;
  /** An address the record must no longer hold (the old virtual server, during a migration). */
  stale?: (ctx: StepContext) => string | undefined;
}

async function lookup(ctx: StepContext, name: string, expected: string, stale?: string) {
  const result = await ctx.systems.resolveA(name);
  const ok =
    result.answers.includes(expected) && (stale === undefined || !result.answers.includes(stale));
  ctx.panel({
    kind: 'dns',
    name,
    server: result.server,
    answers: result.answers,
    expected,
    ok,
    checkedAt: new Date().toISOString(),
  });
  return { ok, result };
}

/**
 * Waits until the configured resolvers answer `name` with the expected IP. The
 * record is the user's (or their DNS team's) to create; we say exactly what to
 * create and check it live.
 */
export function dnsRecordStep(options: DnsRecordStepOptions): Step {
  const expectedIp = (ctx: StepContext) => {
    const ip = options.expected(ctx);
    if (!ip)
      throw new PermanentError(
        `${options.id}: the expected IP is not known yet`,
        'resume: the earlier step that finds it runs again',
      );
    return ip;
  };
  return {
    id: options.id,
    title: options.title,
    async isDone(ctx) {
      const name = options.name(ctx.config);
      const ip = expectedIp(ctx);
      const { ok, result } = await lookup(ctx, name, ip, options.stale?.(ctx));
      if (ok) ctx.progress(`${name} → ${result.answers.join(', ')} (${result.server})`);
      return ok;
    },
    async run(ctx) {
      const name = options.name(ctx.config);
      const ip = expectedIp(ctx);
      const stale = options.stale?.(ctx);
      let shown = '';
      const instruct = (answers: string[]) => {
        const action = recordAction(name, ip, answers);
        if (action.title === shown) return;
        shown = action.title;
        ctx.manual({
          title: action.title,
          lines: [`${options.why}; checking it every few seconds`],
          copy: [`${name}.  IN  A  ${ip}`],
        });
      };
      let lastAnswers: string[] = [];
      await waitFor(ctx, {
        what: `DNS to answer ${name} → ${ip}`,
        timeoutMs: options.timeout(ctx),
        remedy: () => `${recordAction(name, ip, lastAnswers).remedy} in your DNS, then resume`,
        check: async () => {
          const { ok, result } = await lookup(ctx, name, ip, stale);
          lastAnswers = result.answers;
          if (!ok) instruct(result.answers);
          const seen = result.answers.length
            ? result.answers.join(', ')
            : (result.error ?? 'no answer');
          return {
            done: ok,
            message: ok ? `${name} → ${ip}` : `${name}: ${seen} (want ${ip}) from ${result.server}`,
          };
        },
      });
    },
    runbook: (config) => [
      {
        kind: 'manual',
        text: options.stale
          ? `change the DNS A record ${options.name(config)} → <new IP>, the old address removed (${options.why})`
          : `create the DNS A record ${options.name(config)} → <IP> (${options.why})`,
      },
      { kind: 'command', argv: ['nslookup', options.name(config)] },
    ],
  };
}
