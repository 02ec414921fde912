import { PermanentError } from '../../systems/errors.js';
import { readTlsFile } from '../../systems/tls.js';
import type { Step, StepContext } from '../contract.js';
import {
  clusterNames,
  downstreamPlan,
  type DownstreamPlan,
} from '../desired/downstream-clusters.js';
import { caDecision, caLine, lostLine, refusal } from '../rotate-gate.js';
import { tlsFilesCheck, validateTlsFiles } from './certificates.js';
import { downstreamPorts } from './rotate-downstream.js';

/** The new CA bundle (the session's answers name the new files). */
export function newCaBundle(ctx: StepContext): string {
  return readTlsFile(ctx.config.tls.caCerts).toString('utf8');
}

/** The install's TLS checks on the new files: chain, names, key match, dates, `cacerts.pem`. */
export const rotateValidate: Step = {
  id: 'rotate.validate',
  title: 'Validate the new certificate, key and CA',
  run: validateTlsFiles,
  runbook: (config) => [tlsFilesCheck(config)],
};

/** Is the CA changing, or only the server certificate? Decided once, kept for a resume. */
export const rotateCaChange: Step = {
  id: 'rotate.ca-change',
  title: 'The CA: kept or changed',
  async isDone(ctx) {
    const decided = ctx.facts.rotate?.caChanges;
    if (decided === undefined) return false;
    ctx.progress(
      `${caLine({ caChanges: decided }).replace(/ \(Rancher trusts no private CA yet\)$/, '')} (decided earlier in this session)`,
    );
    return true;
  },
  async run(ctx) {
    const decision = await caDecision(ctx.systems.kube(), newCaBundle(ctx));
    ctx.facts.rotate = { force: false, ...ctx.facts.rotate, caChanges: decision.caChanges };
    ctx.progress(caLine(decision));
  },
  runbook: (config) => [
    {
      kind: 'command',
      argv: [
        'kubectl',
        'get',
        'settings.management.cattle.io',
        'cacerts',
        '-o',
        'jsonpath={.value}',
      ],
      note: `compare with ${config.tls.caCerts}: the same certificates → only the server certificate changes (no restart); others → the CA changes`,
    },
  ],
};

/** Whose agents a CA change reaches, from what Rancher has registered and what we imported. */
export async function downstreamNow(ctx: StepContext): Promise<DownstreamPlan> {
  const registered = await downstreamPorts(ctx).clusters(ctx.signal);
  return downstreamPlan(registered, ctx.facts.rotate?.imported ?? []);
}

/**
 * A CA change cuts every downstream agent off (they pin the CA's checksum): list them, and
 * refuse, unless --force, while some cannot be told (not imported by this tool, or not
 * reachable from here). Reads only.
 */
export const rotateDownstreamCheck: Step = {
  id: 'rotate.downstream',
  title: 'Downstream agents that pin the CA',
  async isDone(ctx) {
    if (ctx.facts.rotate?.caChanges === false)
      return 'the CA stays: downstream agents keep their CATTLE_CA_CHECKSUM';
    return false;
  },
  async run(ctx) {
    const plan = await downstreamNow(ctx);
    const registered = [...plan.told.map((t) => t.name), ...plan.lost.map((l) => l.name)];
    ctx.facts.rotate = { force: false, ...ctx.facts.rotate, registered };
    if (registered.length === 0) {
      ctx.progress('no downstream cluster is registered in Rancher (besides local): none to tell');
      return;
    }
    if (plan.told.length > 0)
      ctx.progress(
        `imported by this tool, their agents get the new CA checksum: ${clusterNames(plan.told)}`,
      );
    if (plan.lost.length === 0) return;
    if (ctx.facts.rotate.force) {
      ctx.progress(
        `--force: ${lostLine(plan.lost)}; update their CATTLE_CA_CHECKSUM by hand (see the runbook)`,
      );
      return;
    }
    const { message, remedy } = refusal(plan.lost);
    throw new PermanentError(message, remedy);
  },
  runbook: () => [
    {
      kind: 'command',
      argv: ['kubectl', 'get', 'clusters.management.cattle.io'],
      note: 'with a CA change, every cluster but local pins the old CA: the rotation refuses (unless --force) while one is not imported by this tool',
    },
  ],
};
