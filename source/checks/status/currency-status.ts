import semver from 'semver';
import type { Config } from '../../config/config.js';
import { commandLine } from '../../invocation.js';
import {
  majorLine,
  minorLine,
  newestFitting,
  type ChartChoice,
  type ChartRepoReader,
} from '../../engine/desired/chart-version.js';
import { ingressControllerOf, rancherRepo } from '../../engine/desired/charts.js';
import { namespace } from '../../engine/desired/names.js';
import {
  minorOf,
  newestSupportedLine,
  rancherSupport,
  supports,
} from '../../engine/desired/rancher-support.js';
import type { Helm } from '../../systems/helm.js';
import { pass, settle, skip, warn, type CheckResult, type Read } from '../check.js';
import { currentRevision, type ReleaseState } from './release-status.js';

/**
 * Are the installed charts the newest that fit? The same choice the install makes
 * (engine/stages/chart-versions.ts): the newest version whose `kubeVersion` admits the
 * cluster, Rancher preferring the lines SUSE validates on its Kubernetes minor, the
 * controller among the chart majors whose values we know. Read from helm's local repository
 * cache (`helm search repo`, `helm show chart`): nothing is added or updated.
 */

const cacheNote = "helm's local repository cache";

function reader(
  helm: Pick<Helm, 'chartVersions' | 'showChart'>,
  ref: string,
  keep: (v: string) => boolean,
): ChartRepoReader {
  return {
    versions: async () => (await helm.chartVersions(ref)).filter(keep),
    kubeVersion: async (version) => (await helm.showChart(ref, { version })).kubeVersion,
  };
}

/** `rancher-2.12.5` → `2.12.5`, from the deployed revision's chart column. */
function installedVersion(state: Read<ReleaseState>, chart: string): string | undefined {
  const current = currentRevision(state);
  if (current?.status !== 'deployed') return undefined;
  return new RegExp(`^${chart}-(.+)$`).exec(current.chart)?.[1];
}

const newer = (a: string, b: string) => semver.valid(a) && semver.valid(b) && semver.gt(a, b);

export interface Currency {
  rancher: Read<ChartChoice | undefined>;
  controller: Read<ChartChoice | undefined>;
}

/** The newest fitting charts, both asked at once. */
export async function readCurrency(
  helm: Pick<Helm, 'chartVersions' | 'showChart'>,
  config: Config,
  kubeVersion: string,
): Promise<Currency> {
  const controller = ingressControllerOf(config);
  const [rancher, ingress] = await Promise.all([
    settle(() =>
      newestFitting(
        reader(helm, `${rancherRepo(config).name}/rancher`, () => true),
        kubeVersion,
        {
          lineOf: minorLine,
          prefer: (line) => supports(line, minorOf(kubeVersion) ?? kubeVersion) === true,
        },
      ),
    ),
    settle(() =>
      newestFitting(
        reader(helm, controller.chart, (v) => controller.knownMajors.includes(majorLine(v))),
        kubeVersion,
        { lineOf: majorLine },
      ),
    ),
  ]);
  return { rancher, controller: ingress };
}

function unknownNewest(
  id: string,
  newest: Read<ChartChoice | undefined>,
  repo: { name: string; url: string },
) {
  if (newest instanceof Error)
    return skip(
      id,
      `the chart repository could not be read: ${newest.message}`,
      `\`helm repo add ${repo.name} ${repo.url}\``,
    );
  return skip(
    id,
    `${cacheNote} lists no ${repo.name} chart that fits`,
    `\`helm repo add ${repo.name} ${repo.url}\` (or \`helm repo update\`), then check again`,
  );
}

/** `currency.rancher`: the newest fitting Rancher, and SUSE's support window for the one installed. */
export function checkRancherCurrency(
  release: Read<ReleaseState>,
  newest: Read<ChartChoice | undefined>,
  config: Config,
  kubeVersion: string,
): CheckResult {
  const id = 'currency.rancher';
  const installed = installedVersion(release, 'rancher');
  if (!installed) return skip(id, 'no deployed rancher chart to compare (see rancher.release)');
  const kube = minorOf(kubeVersion) ?? kubeVersion;
  const line = minorLine(installed);
  const range = rancherSupport.lines[line];
  const upgrade = (to: string) =>
    `\`helm -n ${namespace} upgrade rancher ${rancherRepo(config).name}/rancher --version ${to} --reuse-values\` (one minor line at a time; read its release notes first)`;
  if (supports(line, kube) === false) {
    const to = newestSupportedLine(kube);
    return warn(
      id,
      `Rancher ${installed} runs on Kubernetes ${kubeVersion}, but SUSE validates ${line} on ${range![0]}–${range![1]} only (${rancherSupport.source})`,
      to
        ? `upgrade Rancher towards ${to}, the newest line validated on ${kube}: ${upgrade(`${to}.x`)}`
        : 'move to a Kubernetes minor a Rancher line is validated on (a newer TKGI)',
    );
  }
  if (!newest || newest instanceof Error) return unknownNewest(id, newest, rancherRepo(config));
  const window = range ? ` (SUSE validates ${line} on ${range[0]}–${range[1]})` : '';
  if (minorLine(newest.version) === line && newer(newest.version, installed))
    return warn(
      id,
      `Rancher ${installed} is installed; ${newest.version}, a newer patch of ${line}, fits Kubernetes ${kubeVersion} (${cacheNote})`,
      `patches carry security fixes: ${upgrade(newest.version)}`,
    );
  const later =
    newer(newest.version, installed) && minorLine(newest.version) !== line
      ? `; ${newest.version} (${minorLine(newest.version)}) fits and is validated too: upgrade one minor line at a time`
      : '';
  return pass(
    id,
    `Rancher ${installed} fits Kubernetes ${kubeVersion}${window}${later} (${cacheNote})`,
  );
}

/** `currency.ingress`: the controller's chart is the newest that fits; a retired controller warns. */
export function checkControllerCurrency(
  release: Read<ReleaseState>,
  newest: Read<ChartChoice | undefined>,
  config: Config,
  kubeVersion: string,
  sessionId?: string,
): CheckResult {
  const id = 'currency.ingress';
  const controller = ingressControllerOf(config);
  const chartName = controller.chart.split('/').pop()!;
  const installed = installedVersion(release, chartName);
  if (!installed)
    return skip(id, `no deployed ${controller.release} chart to compare (see ingress.release)`);
  if (controller.caveat)
    return warn(
      id,
      `${controller.label} ${installed}: ${controller.caveat}`,
      `move Rancher to Traefik, a controller that still gets fixes: \`${commandLine('migrate-ingress', ...(sessionId ? [sessionId] : []), '--to', 'traefik')}\``,
    );
  if (!newest || newest instanceof Error) return unknownNewest(id, newest, controller.repo);
  if (newer(newest.version, installed))
    return warn(
      id,
      `${controller.label} chart ${installed} is installed; ${newest.version} fits Kubernetes ${kubeVersion} (${cacheNote})`,
      `\`${commandLine('upgrade', ...(sessionId ? [sessionId] : []))}\` (one chart major at a time, its CRDs first, the values diff shown before anything changes)`,
    );
  return pass(
    id,
    `${controller.label} chart ${installed} is the newest that fits Kubernetes ${kubeVersion} (${cacheNote})`,
  );
}
