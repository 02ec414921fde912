import { Command, Option } from 'commander';
import type { ImportOptions } from './import-action.js';

export function importCommand(): Command {
  return new Command('import')
    .description(
      "register a fleet of clusters in a finished install's Rancher as imported clusters: checks first (Rancher, each cluster's API and version, names, the NSX-T budget, each cluster's path to Rancher), then N at a time, each to Active (resumable)",
    )
    .argument(
      '[id-or-names...]',
      'the install session whose Rancher they join (default: the latest finished one); with --remove, the cluster names',
    )
    .option(
      '--inventory <file>',
      'the clusters: YAML or CSV (name, kubeconfig/context, pksCluster or mode: offline, labels)',
    )
    .option(
      '--from-pks <pattern>',
      'the clusters: every PKS cluster whose name matches (edge-*), through pks get-credentials',
    )
    .addOption(new Option('--concurrency <n>', 'clusters imported at a time').default('10'))
    .option(
      '--json',
      'the final per-cluster result as JSON on stdout (progress lines go to stderr)',
    )
    .option('-y, --yes', 'no confirmation (needed without a terminal)')
    .option(
      '--check',
      'run the checks only and change nothing in Rancher (a short Job in each push cluster tests its path to Rancher)',
    )
    .option(
      '--rancher-url <url>',
      "Rancher's URL, when agents must reach it by another name than the install's hostname",
    )
    .option(
      '--rancher-ca <file>',
      "the CA bundle (PEM) of Rancher's certificate (default: the install's tls.caCerts)",
    )
    .option(
      '--pod-ip-block-prefix <n>',
      'the NSX-T pod IP block size (/N) for the namespace budget (default: 16, assumed)',
    )
    .option(
      '--remove',
      'unregister the named clusters: from Rancher, and the agent from each cluster the inventory reaches',
    )
    .action(async (args: string[], options: ImportOptions) => {
      // Loaded on use: --help and the other commands stay fast.
      const { importAction } = await import('./import-action.js');
      await importAction(args, options);
    });
}
