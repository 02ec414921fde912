/** The inventory's fields, shared by the YAML and CSV readers and the row checks. */

/** A YAML row's keys. */
export const rowKeys = ['name', 'kubeconfig', 'context', 'pksCluster', 'mode', 'labels'] as const;

/** The CSV header (fleet design); `label:<key>` columns add labels. */
export const csvColumns = [
  'name',
  'kubeconfig',
  'context',
  'pksCluster',
  'mode',
  'site',
  'region',
  'environment',
] as const;

/** CSV columns that are labels of the same name. */
export const csvLabelColumns: readonly string[] = ['site', 'region', 'environment'];

export const csvLabelPrefix = 'label:';

export const inventoryModes = ['push', 'offline'] as const;
