import { answerFieldProblem, hostnamesProblem } from '../../config/field-rules.js';

/** Why two names: from the walkthrough, which warns against exactly this confusion. */
export const twoHostnamesExplanation =
  'This is the name users open Rancher at: the ingress serves it on its own NSX-T virtual ' +
  'server, and the certificate must cover it. Don’t confuse it with the external hostname ' +
  'used when creating the PKS cluster (the Kubernetes API): they are two separate addresses ' +
  'and entirely separate concerns.';

export function rancherHostnameProblem(
  value: string,
  apiHostname: string | undefined,
): string | undefined {
  return (
    answerFieldProblem('rancher.hostname', value) ??
    (apiHostname ? hostnamesProblem(apiHostname, value) : undefined)
  );
}
