import { escapeSetKeySegment, Helm, type UpgradeInstallInput } from '../../source/systems/helm.js';
import { buildInfo } from '../../source/lab/helm/version-command.js';
import type { FakeAnswer, FakeBin } from '../systems/fake-bin.js';

/**
 * Every helm command line the installer can build, recorded by driving the public
 * methods of source/systems/helm.ts against a recording executable that answers as the
 * real helm of that major would.
 */

const shortVersion = (major: 3 | 4) =>
  `${buildInfo[major].Version}+g${buildInfo[major].GitCommit.slice(0, 7)}\n`;

function answers(major: 3 | 4): FakeAnswer[] {
  return [
    { when: 'version --short', stdout: shortVersion(major) },
    { when: 'repo list -o json', stdout: '[]\n' },
    { when: 'repo add *', stdout: '' },
    { when: 'repo update*', stdout: '' },
    { when: 'list *', stdout: '[]\n' },
    { when: 'status *', stdout: '{"name":"rancher","info":{"status":"deployed"}}\n' },
    { when: 'get values *', stdout: '{}\n' },
    { when: 'upgrade *', stdout: '' },
    { when: 'uninstall rancher *', stdout: 'release "rancher" uninstalled\n' },
    {
      when: 'uninstall ingress-nginx *',
      stderr: 'Error: uninstall: Release not loaded: ingress-nginx: release: not found\n',
      exit: 1,
    },
    {
      when: 'search repo *',
      stdout: '[{"name":"rancher-stable/rancher","version":"2.12.5","app_version":"v2.12.5"}]\n',
    },
    { when: 'show chart *', stdout: 'name: rancher\nversion: 2.12.5\nkubeVersion: < 1.34.0-0\n' },
  ];
}

/** Every combination of what upgradeInstall takes, with values that need escaping. */
export function upgradeInputs(): UpgradeInstallInput[] {
  const sets: Record<string, string>[] = [
    {},
    {
      hostname: 'rancher.example.com',
      'ingress.tls.source': 'secret',
      replicas: '3',
      privateCA: 'true',
      note: 'a,b',
      list: '{x,y}',
      [`ingress.extraAnnotations.${escapeSetKeySegment('nginx.ingress.kubernetes.io/proxy-read-timeout')}`]:
        '1800',
    },
  ];
  const inputs: UpgradeInstallInput[] = [];
  for (const set of sets)
    for (const version of [undefined, '2.11.3'])
      for (const createNamespace of [false, true])
        for (const wait of [undefined, false])
          for (const waitTimeout of [undefined, '90s'])
            for (const secretValues of [undefined, { bootstrapPassword: 'pa,ss"word' }]) {
              inputs.push({
                release: 'rancher',
                chart: 'rancher-stable/rancher',
                namespace: 'cattle-system',
                set,
                ...(version ? { version } : {}),
                createNamespace,
                ...(wait === undefined ? {} : { wait }),
                ...(waitTimeout ? { waitTimeout } : {}),
                ...(secretValues ? { secretValues } : {}),
                versionSetting: 'rancher.chartVersion',
              });
            }
  return inputs;
}

/** The command lines a Helm of `major` gets from the installer, in call order. */
export async function installerCommandLines(major: 3 | 4, bin: FakeBin): Promise<string[][]> {
  const name = `recorder-helm${major}`;
  const helm = new Helm({ binary: bin.write(name, answers(major)) });
  await helm.version();
  await helm.repoList();
  await helm.repoAdd('ingress-nginx', 'https://kubernetes.github.io/ingress-nginx');
  await helm.repoAdd('rancher-stable', 'https://releases.rancher.com/server-charts/stable');
  await helm.repoUpdate();
  await helm.repoUpdate(['ingress-nginx', 'rancher-stable']);
  await helm.release('rancher', 'cattle-system');
  await helm.status('rancher', 'cattle-system');
  await helm.values('rancher', 'cattle-system');
  for (const input of upgradeInputs()) await helm.upgradeInstall(input);
  await helm.chartVersions('rancher-stable/rancher');
  await helm.showChart('rancher-stable/rancher', { version: '2.12.5' });
  const repoUrl = 'https://releases.rancher.com/server-charts/stable';
  await helm.showChart('rancher', { repoUrl });
  await helm.showChart('rancher', { repoUrl, version: '2.12.5' });
  await helm.uninstall('rancher', 'cattle-system');
  await helm.uninstall('ingress-nginx', 'ingress-nginx', '90s');
  return bin.calls(name);
}

/**
 * The detection's fallback, `version -c --short`: built only when `version --short`
 * says nothing (Helm 2 hanging on Tiller), before the major is known.
 */
export async function detectionFallbackLines(bin: FakeBin): Promise<string[][]> {
  const name = 'recorder-silent';
  const helm = new Helm({
    binary: bin.write(name, [
      { when: 'version --short', stdout: 'Error: could not connect\n', exit: 1 },
      { when: 'version -c --short', stdout: 'Client: v2.17.0+ga690bad\n' },
    ]),
  });
  await helm.version();
  return bin.calls(name);
}

/** Command lines the real binaries reject; the lab's fake must reject them too, alike. */
export const rejected: { major: 3 | 4; argv: string[] }[] = [
  // Helm 4 removed --all from list (it lists every state) and -c from version.
  { major: 4, argv: ['list', '-n', 'cattle-system', '--all', '-o', 'json'] },
  { major: 4, argv: ['list', '-a'] },
  { major: 4, argv: ['version', '-c', '--short'] },
  // Install's --server-side is a bool, upgrade's a string with no bare form.
  { major: 4, argv: ['install', 'rancher', 'rancher-stable/rancher', '--server-side=auto'] },
  {
    major: 4,
    argv: ['upgrade', '--install', 'rancher', 'rancher-stable/rancher', '--server-side'],
  },
  {
    major: 4,
    argv: [
      'upgrade',
      '-i',
      'rancher',
      'rancher-stable/rancher',
      '--force-replace',
      '--force-conflicts',
    ],
  },
  { major: 4, argv: ['upgrade', '-i', 'rancher', 'rancher-stable/rancher', '--wait=forever'] },
  { major: 4, argv: ['status', 'rancher', '--show-resources'] },
  // Helm 3 has no server-side apply flags, and its --wait is a bool.
  { major: 3, argv: ['upgrade', '-i', 'rancher', 'rancher-stable/rancher', '--force-conflicts'] },
  { major: 3, argv: ['upgrade', '-i', 'rancher', 'rancher-stable/rancher', '--server-side=true'] },
  { major: 3, argv: ['upgrade', '-i', 'rancher', 'rancher-stable/rancher', '--wait=watcher'] },
  { major: 3, argv: ['get', 'manifest', 'rancher', '-o', 'json'] },
  // Both: arguments, values and unknown commands.
  ...([3, 4] as const).flatMap((major) => [
    { major, argv: ['list', 'rancher'] },
    { major, argv: ['upgrade', '--install', 'rancher'] },
    { major, argv: ['repo', 'add', 'rancher-stable'] },
    { major, argv: ['upgrade', '-i', 'rancher', 'rancher-stable/rancher', '--timeout', '600'] },
    { major, argv: ['upgrade', '-i', 'rancher', 'rancher-stable/rancher', '--install=maybe'] },
    { major, argv: ['list', '-o', 'yml'] },
    { major, argv: ['list', '--max', 'ten'] },
    { major, argv: ['list', '--filter'] },
    { major, argv: ['-n'] },
    { major, argv: ['frobnicate'] },
  ]),
];
