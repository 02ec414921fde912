import type { AnswerField } from '../../config/field-rules.js';
import { defaultIngressController, defaultLbSize, defaultReplicas } from '../../config/schema.js';
import type { PartialAnswers } from '../../config/partial-answers.js';
import type { PromptStep } from './wizard-steps.js';

/** One answer on the review screen, and the prompt that edits it. */
export interface ReviewLine {
  step: PromptStep;
  label: string;
  value: string;
  /** Problems naming these fields are shown under the line. */
  fields: readonly AnswerField[];
}

const notAnswered = '(not answered)';

export function reviewLines(answers: PartialAnswers, hasPassword: boolean): ReviewLine[] {
  const { pks = {}, rancher = {}, tls = {}, ingress = {} } = answers;
  const controller = ingress.controller ?? defaultIngressController;
  const ingressVersion = ingress.chartVersion?.trim();
  const lbSize = pks.lbSize ?? defaultLbSize;
  const chartVersion = rancher.chartVersion?.trim();
  return [
    line('plan', 'PKS plan', pks.plan, ['pks.plan']),
    line(
      'loadBalancer',
      'Load balancer',
      `${lbSize}, network profile ${pks.networkProfile ?? `lb-${lbSize}`}`,
      ['pks.lbSize', 'pks.networkProfile'],
    ),
    line(
      'loadBalancer',
      'Ingress controller',
      `${controller}${controller === defaultIngressController ? '' : ' (retired upstream in March 2026)'}, chart ${ingressVersion || 'newest that fits'}`,
      ['ingress.controller', 'ingress.chartVersion'],
    ),
    line('cluster', 'Cluster', pks.cluster, ['pks.cluster']),
    line('cluster', 'API hostname', pks.externalHostname, ['pks.externalHostname']),
    line('rancherHostname', 'Rancher hostname', rancher.hostname, ['rancher.hostname']),
    line('tls', 'Certificate', tls.cert, ['tls.cert']),
    line('tls', 'Private key', tls.key, ['tls.key']),
    line('tls', 'CA file', tls.caCerts, ['tls.caCerts']),
    line('rancherOptions', 'Replicas', String(rancher.replicas ?? defaultReplicas), [
      'rancher.replicas',
    ]),
    line('rancherOptions', 'Chart version', chartVersion || 'newest that fits', [
      'rancher.chartVersion',
    ]),
    line(
      'rancherOptions',
      'Bootstrap password',
      hasPassword ? 'set (hidden)' : 'empty: Rancher generates one',
      [],
    ),
  ];
}

function line(
  step: PromptStep,
  label: string,
  value: string | undefined,
  fields: readonly AnswerField[],
): ReviewLine {
  return { step, label, value: value?.trim() ? value : notAnswered, fields };
}

/** The answers fields a prompt edits (from the review's lines). */
export function fieldsOfStep(step: PromptStep): string[] {
  return reviewLines({}, false)
    .filter((line) => line.step === step)
    .flatMap((line) => line.fields);
}
