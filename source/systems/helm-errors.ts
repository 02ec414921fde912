import { cliErrorLine } from './cli-error-line.js';
import { PermanentError, TransientError } from './errors.js';

export interface HelmFailureContext {
  /** The helm subcommand and its arguments (for messages). */
  args: string[];
  /** Where the user picks the chart version, e.g. `rancher.chartVersion`. */
  versionSetting?: string;
}

const kubeVersionMismatch =
  /chart requires kube(?:rnetes)?Version: (.+?) which is incompatible with Kubernetes (v?[\d.]+[\w.+-]*)/;
const waitTimedOut = /context deadline exceeded|timed out waiting for the condition/i;
/** The kubeconfig itself is wrong: retrying cannot help. */
const noKubeconfig =
  /context ".*" does not exist|no configuration has been provided|invalid configuration|Kubernetes cluster unreachable: .*(?:no such file|cannot unmarshal)/i;
const unreachable =
  /Kubernetes cluster unreachable|connection refused|connection reset|transport is closing|i\/o timeout|TLS handshake timeout|no such host|network is unreachable|unexpected EOF|ServiceUnavailable|the server is currently unable/i;
/** client-go's OIDC refresh reached the PKS API and did not trust it (real helm 3.18 / 4.1 wording). */
const oidcUntrusted =
  /openid-configuration": tls: .*x509:|openid-configuration.*certificate signed by unknown authority/i;
/** The cluster refused the token, or the refresh token was refused: credentials, not the network. */
const credentialsRefused =
  /failed to refresh token|has asked for the client to provide credentials|must be logged in to the server|No valid id-token/i;
const repoUnreadable = /is not a valid chart repository or cannot be reached/i;
const busy = /another operation \(install\/upgrade\/rollback\) is in progress/i;

function remedyFor(
  line: string,
  text: string,
  ctx: HelmFailureContext,
): PermanentError | TransientError {
  const kube = kubeVersionMismatch.exec(text);
  if (kube) {
    const where = ctx.versionSetting ? ` (${ctx.versionSetting})` : '';
    return new PermanentError(
      line,
      `choose a chart version that supports Kubernetes ${kube[2]}${where}; the chart allows ${kube[1]}`,
    );
  }
  if (waitTimedOut.test(text)) {
    return new PermanentError(
      line,
      'helm gave up waiting for the release to become ready: check the pods and events of the release',
    );
  }
  if (noKubeconfig.test(text)) {
    return new PermanentError(line, 'run `pks get-credentials CLUSTER` and check KUBECONFIG');
  }
  if (oidcUntrusted.test(text)) {
    return new PermanentError(
      line,
      "helm cannot refresh the cluster's OIDC token: it does not trust the PKS API's certificate. Set pks.caCert to the PKS API's CA (the tool adds it to the kubeconfig user as idp-certificate-authority-data), then resume",
    );
  }
  if (credentialsRefused.test(text)) {
    return new PermanentError(
      line,
      "the cluster's credentials expired: set TKGI_USER_PASSWORD (or PKS_USER_PASSWORD) and resume, so get-credentials runs again",
    );
  }
  if (unreachable.test(text)) return new TransientError(`helm ${ctx.args[0] ?? ''}: ${line}`);
  if (repoUnreadable.test(text)) {
    return new PermanentError(
      line,
      'check the chart repository URL and that it can be reached from here',
    );
  }
  if (busy.test(text)) {
    return new PermanentError(
      line,
      'an earlier helm operation on this release did not finish: wait for it, or `helm rollback` the release',
    );
  }
  return new PermanentError(
    line,
    `see the output of \`helm ${ctx.args.join(' ')}\` in the transcript`,
  );
}

/** A failed `helm` run as an error: helm's own `Error:` line with a remedy fitting the case. */
export function helmFailure(
  output: { stdout: string; stderr: string },
  ctx: HelmFailureContext,
): PermanentError | TransientError {
  const line = cliErrorLine(output.stderr, output.stdout);
  return remedyFor(line, `${output.stderr}\n${output.stdout}`, ctx);
}

/** `helm status`/`get` of a release that does not exist. */
export function isReleaseNotFound(output: { stdout: string; stderr: string }): boolean {
  return /release: not found|Release not loaded/i.test(output.stderr);
}
