import { z } from 'zod';
import { clusterNameProblem } from './dns-name.js';
import { inventoryModes } from './inventory-columns.js';
import { inventoryNameProblem, labelKeyProblem, labelValueProblem } from './inventory-rules.js';
import { describeValue, requiredText as text } from './schema.js';

/**
 * One inventory row as written (YAML mapping, or a CSV record in the same form). Messages read
 * "what is wrong; how to fix"; load-inventory.ts puts the file, line and field in front.
 * Which access a row has (exactly one of kubeconfig, pksCluster, mode: offline) is checked
 * beside the schema, so a row with a bad name still hears about its access too.
 */

const labels = z
  .record(z.string(), z.unknown(), {
    error: (issue) =>
      `must be a mapping of label keys to values, not ${describeValue(issue.input)}; write e.g. labels: { site: store-001, region: emea }`,
  })
  .superRefine((record, context) => {
    for (const [key, value] of Object.entries(record)) {
      const keyProblem = labelKeyProblem(key);
      if (keyProblem) context.addIssue({ code: 'custom', path: [key], message: keyProblem });
      else if (typeof value !== 'string') {
        context.addIssue({
          code: 'custom',
          path: [key],
          message: `must be text, not ${describeValue(value)}; quote it (label values are strings)`,
        });
      } else {
        const valueProblem = labelValueProblem(value);
        if (valueProblem) context.addIssue({ code: 'custom', path: [key], message: valueProblem });
      }
    }
  })
  .transform((record) => record as Record<string, string>);

export const inventoryRowSchema = z.strictObject({
  name: text("give the cluster's name in Rancher, e.g. edge-001", inventoryNameProblem),
  kubeconfig: text('give the path of the kubeconfig file or remove the field').optional(),
  context: text(
    "give a context of the kubeconfig or remove the field (the file's current-context is used)",
  ).optional(),
  pksCluster: text('give the PKS cluster name or remove the field', clusterNameProblem).optional(),
  mode: z
    .enum(inventoryModes, {
      error: (issue) =>
        `must be push or offline, not ${describeValue(issue.input)}; write mode: offline for sites the jump box cannot reach, or leave it out`,
    })
    .optional(),
  labels: labels.optional(),
});

export type InventoryRowInput = z.output<typeof inventoryRowSchema>;

/** Why the row's way in is not exactly one of kubeconfig, pksCluster, mode: offline. */
export function accessProblem(
  data: Record<string, unknown>,
): { field: string; message: string } | undefined {
  const has = (key: string) => data[key] !== undefined && data[key] !== null && data[key] !== '';
  const offline = data.mode === 'offline';
  const ways = [
    ...(has('kubeconfig') ? ['kubeconfig'] : []),
    ...(has('pksCluster') ? ['pksCluster'] : []),
  ];
  if (offline && ways.length > 0)
    return {
      field: ways[0]!,
      message: `an offline row has no ${ways.join(' or ')}; remove ${ways.length > 1 ? 'them' : 'it'}, or remove mode: offline if the jump box can reach the cluster`,
    };
  if (ways.length > 1)
    return {
      field: 'pksCluster',
      message:
        'the row has both kubeconfig and pksCluster; keep one (pksCluster gets credentials through pks get-credentials)',
    };
  if (ways.length === 0 && !offline && (data.mode === undefined || data.mode === 'push'))
    return {
      field: 'kubeconfig',
      message: 'is missing; give kubeconfig (a file), pksCluster (a PKS cluster) or mode: offline',
    };
  if (has('context') && !has('kubeconfig') && !offline && ways.length === 1)
    return {
      field: 'context',
      message: 'applies to a kubeconfig only; remove it or add kubeconfig',
    };
  return undefined;
}
