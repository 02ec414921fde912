import type { Config } from '../config/config.js';
import { kubeVersionAdmits } from '../engine/desired/chart-version.js';
import { ingressControllerOf } from '../engine/desired/charts.js';
import type { Helm } from '../systems/helm.js';
import { fail, pass, skip, type CheckResult } from './check.js';

/** A chart version pinned in the answers, and where its chart lives. */
interface Pin {
  id: 'rancher.chart-version' | 'ingress.chart-version';
  /** Where the pin lives in the answers, for messages and remedies. */
  setting: string;
  chart: string;
  repoUrl: string;
  version: string;
}

function pins(config: Config): Pin[] {
  const controller = ingressControllerOf(config);
  return [
    {
      id: 'rancher.chart-version',
      setting: 'rancher.chartVersion',
      chart: 'rancher',
      repoUrl: config.rancher.chartRepo,
      version: config.rancher.chartVersion,
    },
    {
      id: 'ingress.chart-version',
      setting: 'ingress.chartVersion',
      chart: controller.chart.split('/').pop()!,
      repoUrl: controller.repo.url,
      version: config.ingress.chartVersion,
    },
  ];
}

/**
 * Helm's words for a version the repository does not have: `chart "rancher" version "9.9.9"
 * not found in URL repository` (helm v3.18.0 pkg/repo/chartrepo.go, for `--repo`).
 */
const versionNotFound = /not found in .* repository|no chart version found/i;

async function checkPin(
  helm: Pick<Helm, 'showChart'>,
  pin: Pin,
  kubeVersion: string | undefined,
): Promise<CheckResult> {
  let bound: string | undefined;
  try {
    bound = (await helm.showChart(pin.chart, { repoUrl: pin.repoUrl, version: pin.version }))
      .kubeVersion;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    if (versionNotFound.test(why))
      return fail(
        pin.id,
        `${pin.setting} ${pin.version}: ${pin.repoUrl} has no ${pin.chart} chart of that version`,
        `set ${pin.setting} to a version \`helm search repo ${pin.chart} --versions\` lists, or leave it empty and the install picks the newest that fits`,
      );
    // Unreachable, or no helm: the install's chart stage will say; this check cannot.
    return skip(pin.id, `could not read ${pin.chart} ${pin.version} from ${pin.repoUrl}: ${why}`);
  }
  if (kubeVersion && !kubeVersionAdmits(bound, kubeVersion))
    return fail(
      pin.id,
      `${pin.setting} ${pin.version} does not install on Kubernetes ${kubeVersion}: the chart requires kubeVersion ${bound}`,
      `set ${pin.setting} to a version that supports Kubernetes ${kubeVersion}, or leave it empty and the install picks the newest that fits`,
    );
  const fits = kubeVersion ? ` and installs on Kubernetes ${kubeVersion}` : '';
  return pass(pin.id, `${pin.setting} ${pin.version} exists in ${pin.repoUrl}${fits}`);
}

/**
 * `rancher.chart-version`, `ingress.chart-version` (only for what is pinned): the version exists in its
 * repository (`helm show chart NAME --repo URL --version V`: nothing is added to helm's
 * configuration) and, when the cluster's version is known, its `kubeVersion` admits it
 * (the same rule the chart-versions stage applies). Read-only.
 */
export async function checkChartPins(
  helm: Pick<Helm, 'showChart'>,
  config: Config,
  kubeVersion?: string,
): Promise<CheckResult[]> {
  const pinned = pins(config).filter((pin) => pin.version !== '');
  return Promise.all(pinned.map((pin) => checkPin(helm, pin, kubeVersion)));
}
