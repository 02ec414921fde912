import type { ContainerProgram } from '../controllers/container-program.js';
import type { Store } from '../kube/store.js';
import { parseCurlArgs } from './curl-args.js';
import { runCurl } from './curl.js';
import { readMountedFile } from './pod-files.js';
import type { SiteNetwork } from './site-network.js';

/**
 * A container whose command is `curl … https://HOST/…` (the import's reachability Job):
 * curl's outcome from this cluster's point of view, its output as the pod's log and its
 * exit code as the container's.
 */
export function curlProgram(store: Store, site: SiteNetwork): ContainerProgram {
  return ({ pod, container }) => {
    const args = parseCurlArgs([...(container.command ?? []), ...(container.args ?? [])]);
    if (!args) return undefined;
    return runCurl(args, site, (path) => readMountedFile(store, pod, container, path)).then(
      (r) => ({
        lines: [...(r.stdout ? r.stdout.replace(/\n$/, '').split('\n') : []), ...r.stderr],
        exit: { exitCode: r.exitCode },
        runMs: 200,
      }),
    );
  };
}
