import { describe, expect, it } from 'vitest';
import { parseAnswers } from '../../source/config/load-answers.js';
import { plan, planOf } from '../../source/engine/plan.js';
import { renderRunbook } from '../../source/engine/runbook.js';

const config = parseAnswers(
  {
    pks: {
      plan: 'rancher',
      cluster: 'czpksrancher05',
      externalHostname: 'czpksrancher05.sovsystems.com',
      lbSize: 'medium',
      networkProfile: 'lb-medium',
    },
    rancher: { hostname: 'czrancherblog.sovsystems.com' },
    tls: { cert: 'czrancherblog.cer', key: 'czrancherblog.key', caCerts: 'cacerts.pem' },
  },
  '/srv/answers',
  {},
);

describe('runbook', () => {
  const text = renderRunbook(plan(), config);

  it('lists every step of every stage, in order', () => {
    const ids = plan().flatMap((s) => s.steps.map((t) => t.id));
    let at = -1;
    for (const id of ids) {
      const next = text.indexOf(`  ${id} — `);
      expect(next, id).toBeGreaterThan(at);
      at = next;
    }
  });

  it("carries the walkthrough's commands in today's form", () => {
    expect(text).toContain('$ pks create-network-profile lb-medium.json');
    expect(text).toContain(
      '$ pks create-cluster czpksrancher05 -e czpksrancher05.sovsystems.com -p rancher --network-profile lb-medium',
    );
    expect(text).toContain(
      '$ kubectl -n cattle-system create secret generic tls-ca --from-file=cacerts.pem=/srv/answers/cacerts.pem',
    );
    expect(text).toContain(
      '$ helm upgrade --install rancher rancher-stable/rancher -n cattle-system',
    );
    expect(text).toContain('--set privateCA=true');
    expect(text).toContain('apiVersion: networking.k8s.io/v1');
    expect(text).toContain('"lb_size": "medium"');
  });

  it("says why the walkthrough's Tiller steps are gone, and what Helm 4 adds", () => {
    expect(text).toContain(
      "      # Helm 3 or 4: the walkthrough's Tiller steps (service account, cluster-admin binding, helm init) belong to Helm 2, which cannot install today's charts (Rancher's chart is apiVersion v2 since 2.7.2); Helm 2 is refused",
    );
    expect(text).not.toMatch(/\$ helm init|serviceaccount tiller|clusterrolebinding tiller/);
    expect(text).toContain('Helm 4: add --server-side=true --force-conflicts');
  });

  it('never prints a password', () => {
    expect(text).not.toMatch(/bootstrapPassword=/);
  });

  it('names the controller and says the chart versions are chosen at run time', () => {
    expect(text).toContain(
      '# Ingress controller: Traefik, chart traefik/traefik (the newest that fits the cluster, chosen at run time)',
    );
    expect(text).toContain(
      '# Rancher chart: rancher-stable/rancher (the newest that fits the cluster, chosen at run time)',
    );
    expect(text).toContain('$ helm upgrade --install traefik traefik/traefik -n cattle-system');
  });
});

describe('runbook with pinned charts and ingress-nginx', () => {
  const pinned = {
    ...config,
    ingress: { controller: 'ingress-nginx' as const, chartVersion: '4.12.1' },
    rancher: { ...config.rancher, chartVersion: '2.11.3' },
  };
  const text = renderRunbook(plan(), pinned);

  it('names the pinned versions in the header and the commands', () => {
    expect(text).toContain(
      '# Ingress controller: ingress-nginx, chart ingress-nginx/ingress-nginx 4.12.1',
    );
    expect(text).toContain('# Rancher chart: rancher-stable/rancher 2.11.3');
    expect(text).toContain(
      '$ helm upgrade --install ingress-nginx ingress-nginx/ingress-nginx -n cattle-system --create-namespace --version 4.12.1',
    );
    expect(text).toContain('--version 2.11.3');
    expect(text).not.toContain('<VERSION>');
  });
});

describe('runbook of the ingress migration', () => {
  const text = renderRunbook(planOf('migrate-ingress'), config, 'migrate-ingress');

  it('says in its first line that it moves the ingress', () => {
    expect(text.split('\n')[0]).toBe(
      "# Move Rancher's ingress (czrancherblog.sovsystems.com) on cluster czpksrancher05 to Traefik",
    );
  });

  it('installs the new controller beside the old, moves the Ingress, then removes the old', () => {
    const order = [
      '$ helm upgrade --install traefik traefik/traefik',
      'a second Ingress (rancher-<new release>)',
      'MANUAL: change the DNS A record czrancherblog.sovsystems.com → <new IP>, the old address removed',
      '$ kubectl apply -f ingress.yaml',
      '$ helm uninstall ingress-nginx -n cattle-system --wait',
    ].map((needle) => text.indexOf(needle));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});

describe('runbook of the uninstall', () => {
  const text = renderRunbook(planOf('uninstall'), config, 'uninstall');

  it('says in its first line that it uninstalls, and names no chart to install', () => {
    expect(text.split('\n')[0]).toBe(
      '# Uninstall Rancher (czrancherblog.sovsystems.com) from cluster czpksrancher05',
    );
    expect(text).not.toContain('# Rancher chart:');
    expect(text).toContain('$ helm uninstall rancher -n cattle-system');
  });
});

describe('runbook of the upgrade', () => {
  const text = renderRunbook(planOf('upgrade'), config, 'upgrade');

  it('says it upgrades one line at a time, with a backup first and a rollback per hop', () => {
    expect(text.split('\n')[0]).toBe(
      '# Upgrade Rancher (czrancherblog.sovsystems.com) on cluster czpksrancher05, one minor line at a time; then its ingress controller, one chart major at a time',
    );
    expect(text).toContain('resourceSetName: rancher-resource-set-full');
    expect(text).toContain(
      "$ helm upgrade rancher rancher-stable/rancher -n cattle-system --version '<HOP VERSION>' --set hostname=czrancherblog.sovsystems.com",
    );
    expect(text).not.toContain('--reuse-values --');
    expect(text).toContain('$ kubectl -n cattle-system rollout status deploy/rancher');
    expect(text).toContain(
      "$ helm rollback rancher '<REVISION BEFORE THE HOP>' -n cattle-system --wait",
    );
  });

  it('upgrades the ingress controller after Rancher: its CRDs first, then the chart, the same virtual server', () => {
    const crds = text.indexOf("$ helm show crds traefik/traefik --version '<HOP VERSION>'");
    const apply = text.indexOf('$ kubectl apply --server-side --force-conflicts -f crds.yaml');
    const upgrade = text.indexOf(
      "$ helm upgrade traefik traefik/traefik -n cattle-system --version '<HOP VERSION>' --set deployment.kind=DaemonSet",
    );
    expect(crds).toBeGreaterThan(text.indexOf('$ helm upgrade rancher'));
    expect(apply).toBeGreaterThan(crds);
    expect(upgrade).toBeGreaterThan(apply);
    expect(text).toContain('$ kubectl -n cattle-system rollout status ds/traefik');
    expect(text).toContain('$ kubectl -n cattle-system get svc traefik');
    expect(text).toContain(
      "$ helm rollback traefik '<REVISION BEFORE THE HOP>' -n cattle-system --wait",
    );
  });
});
