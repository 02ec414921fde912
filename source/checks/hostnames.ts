import type { Config } from '../config/config.js';
import { answerFieldProblem, hostnamesProblem } from '../config/field-rules.js';
import { fail, pass, type CheckResult } from './check.js';

/**
 * The two hostnames, judged by the answers schema's own rules (field-rules), so
 * preflight and the answers file never disagree.
 */

/** `field: what is wrong; how to fix` → message and remedy. */
export function splitProblem(line: string): { message: string; remedy: string } {
  const at = line.indexOf('; ');
  return at < 0
    ? { message: line, remedy: 'correct the value in the answers' }
    : { message: line.slice(0, at), remedy: line.slice(at + 2) };
}

/** `config.hostnames`: both are valid, fully qualified DNS names (Rancher's is not an IP). */
export function checkHostnameSyntax(api: string, rancher: string): CheckResult {
  const problems = [
    answerFieldProblem('pks.externalHostname', api),
    answerFieldProblem('rancher.hostname', rancher),
  ].filter((p): p is string => p !== undefined);
  if (problems.length === 0)
    return pass(
      'config.hostnames',
      `${api} (Kubernetes API) and ${rancher} (Rancher) are valid DNS names`,
    );
  const parts = problems.map(splitProblem);
  return fail(
    'config.hostnames',
    parts.map((p) => p.message).join('; '),
    parts.map((p) => p.remedy).join('; '),
  );
}

/** `hostnames.distinct`: the Rancher hostname is not the cluster's API hostname (FACTS 14). */
export function checkHostnamesDistinct(api: string, rancher: string): CheckResult {
  const problem = hostnamesProblem(api, rancher);
  if (!problem)
    return pass('hostnames.distinct', `the Rancher hostname differs from the API hostname ${api}`);
  const { message, remedy } = splitProblem(problem);
  return fail('hostnames.distinct', message, remedy);
}

export function hostnameChecks(config: Config): CheckResult[] {
  const api = config.pks.externalHostname;
  const rancher = config.rancher.hostname;
  return [checkHostnameSyntax(api, rancher), checkHostnamesDistinct(api, rancher)];
}
