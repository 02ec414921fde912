import { answerFieldProblem } from '../../config/field-rules.js';
import { defaultReplicas } from '../../config/schema.js';

/**
 * Replicas as typed: empty means the default; digits become a number the schema then
 * judges; anything else goes to the schema as text so its message names what was typed.
 */
export function parseReplicas(text: string): { value: number } | { problem: string } {
  const trimmed = text.trim();
  const candidate: unknown =
    trimmed === '' ? defaultReplicas : /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
  const problem = answerFieldProblem('rancher.replicas', candidate);
  return problem ? { problem } : { value: candidate as number };
}

export function chartVersionProblem(text: string): string | undefined {
  return answerFieldProblem('rancher.chartVersion', text);
}
