import { Command } from 'commander';
import type { RotateCertsOptions } from './rotate-certs-action.js';

export function rotateCertsCommand(): Command {
  return new Command('rotate-certs')
    .description(
      "replace Rancher's certificate in place (and its private CA when that changes): the install's TLS checks first, then proved from the wire; a CA change restarts Rancher and updates the agents of the clusters this tool imported (resumable)",
    )
    .argument(
      '[id]',
      'the install session whose Rancher gets the new files (default: the latest finished one)',
    )
    .option('--cert <file>', 'the new server certificate (PEM, leaf first, then intermediates)')
    .option('--key <file>', 'its private key (PEM, unencrypted)')
    .option(
      '--ca-certs <file>',
      'the CA bundle, a file named cacerts.pem (the same CA or a new one)',
    )
    .option(
      '--force',
      'change the CA even though some registered clusters cannot be told (their agents lose their connection)',
    )
    .option('-y, --yes', 'no confirmation (needed without a terminal)')
    .action(async (id: string | undefined, options: RotateCertsOptions) => {
      // Loaded on use: --help and the other commands stay fast.
      const { rotateCertsAction } = await import('./rotate-certs-action.js');
      await rotateCertsAction(id, options);
    });
}
