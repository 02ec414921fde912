import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../source/lab/kube/api-error.js';
import { fieldManagerOf } from '../../../source/lab/kube/api-server.js';
import type { KubeObject } from '../../../source/lab/kube/object.js';
import { Store } from '../../../source/lab/kube/store.js';

// Server-side apply as https://kubernetes.io/docs/reference/using-api/server-side-apply/
// describes it; conflict wording from apimachinery's managedfields/internal/conflict.go.

function deployment(replicas: number, image = 'rancher/rancher:v2.11.3'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'rancher', namespace: 'cattle-system', labels: { app: 'rancher' } },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'rancher' } },
      template: {
        metadata: { labels: { app: 'rancher' } },
        spec: {
          containers: [{ name: 'rancher', image, ports: [{ containerPort: 80, protocol: 'TCP' }] }],
        },
      },
    },
  };
}

function store(): Store {
  const s = new Store();
  s.create('namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'cattle-system' },
  });
  return s;
}

function conflict(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected a conflict');
}

function managers(s: Store): { manager: string; operation: string; fields: string[] }[] {
  const live = s.mustGet('apps/deployments', 'cattle-system', 'rancher');
  return (live.metadata.managedFields ?? []).map((e) => ({
    manager: e.manager,
    operation: e.operation,
    fields: JSON.stringify(e.fieldsV1).match(/"f:replicas"|"f:image"/g) ?? [],
  }));
}

describe('managedFields and server-side apply', () => {
  it('records the writer of each field; an Update takes the fields whose value it changes', () => {
    const s = store();
    s.create('apps/deployments', deployment(3), { manager: 'kubectl-create' });
    const created = s.mustGet('apps/deployments', 'cattle-system', 'rancher');
    expect(created.metadata.managedFields).toEqual([
      expect.objectContaining({
        manager: 'kubectl-create',
        operation: 'Update',
        apiVersion: 'apps/v1',
        fieldsType: 'FieldsV1',
      }),
    ]);
    const fields = created.metadata.managedFields![0]!.fieldsV1;
    expect(fields['f:spec']!['f:replicas']).toEqual({});
    expect(
      fields['f:spec']!['f:template']!['f:spec']!['f:containers']!['k:{"name":"rancher"}']![
        'f:ports'
      ]!['k:{"containerPort":80,"protocol":"TCP"}'],
    ).toEqual({ 'f:containerPort': {}, 'f:protocol': {} });
    s.update(
      'apps/deployments',
      { ...created, spec: { ...created.spec, replicas: 5 } },
      {
        manager: 'kubectl-edit',
      },
    );
    expect(managers(s)).toEqual([
      { manager: 'kubectl-create', operation: 'Update', fields: ['"f:image"'] },
      { manager: 'kubectl-edit', operation: 'Update', fields: ['"f:replicas"'] },
    ]);
  });

  it('applying a field another manager changed is a 409 conflict; force takes it', () => {
    const s = store();
    s.apply('apps/deployments', deployment(3), { manager: 'helm' });
    const live = s.mustGet('apps/deployments', 'cattle-system', 'rancher');
    s.update(
      'apps/deployments',
      { ...live, spec: { ...live.spec, replicas: 5 } },
      {
        manager: 'kubectl-patch',
      },
    );
    const e = conflict(() => s.apply('apps/deployments', deployment(3), { manager: 'helm' }));
    expect(e.code).toBe(409);
    expect(e.reason).toBe('Conflict');
    expect(e.message).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl-patch" using apps/v1: .spec.replicas',
    );
    expect(e.details?.causes).toEqual([
      {
        reason: 'FieldManagerConflict',
        message: 'conflict with "kubectl-patch" using apps/v1',
        field: '.spec.replicas',
      },
    ]);
    expect(s.mustGet('apps/deployments', 'cattle-system', 'rancher').spec.replicas).toBe(5);
    s.apply('apps/deployments', deployment(3), { manager: 'helm', force: true });
    expect(s.mustGet('apps/deployments', 'cattle-system', 'rancher').spec.replicas).toBe(3);
    expect(managers(s)).toEqual([
      { manager: 'helm', operation: 'Apply', fields: ['"f:replicas"', '"f:image"'] },
    ]);
  });

  it('the same value is shared ownership, not a conflict', () => {
    const s = store();
    s.apply('apps/deployments', deployment(3), { manager: 'helm' });
    s.apply('apps/deployments', deployment(3), { manager: 'argocd' });
    expect(managers(s).map((m) => m.manager)).toEqual(['helm', 'argocd']);
    // Now a change by either conflicts with the other.
    const e = conflict(() => s.apply('apps/deployments', deployment(4), { manager: 'helm' }));
    expect(e.message).toBe('Apply failed with 1 conflict: conflict with "argocd": .spec.replicas');
  });

  it('lists several conflicts by manager, with keyed list paths', () => {
    const s = store();
    s.apply('apps/deployments', deployment(3), { manager: 'helm' });
    s.apply(
      'apps/deployments',
      {
        ...deployment(3),
        spec: { replicas: 6, template: deployment(3).spec.template },
      },
      { manager: 'hpa', force: true },
    );
    const live = s.mustGet('apps/deployments', 'cattle-system', 'rancher');
    const image = structuredClone(live);
    image.spec.template.spec.containers[0].image = 'rancher/rancher:v2.12.0';
    s.update('apps/deployments', image, { manager: 'kubectl-set' });
    const e = conflict(() => s.apply('apps/deployments', deployment(3), { manager: 'helm' }));
    expect(e.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "hpa":\n- .spec.replicas\nconflicts with "kubectl-set" using apps/v1:\n- .spec.template.spec.containers[name="rancher"].image',
    );
  });

  it('removes what an applier no longer states, unless another manager owns it', () => {
    const s = store();
    const withAnnotation = deployment(3);
    withAnnotation.metadata.annotations = { a: '1', b: '2' };
    s.apply('apps/deployments', withAnnotation, { manager: 'helm' });
    const live = s.mustGet('apps/deployments', 'cattle-system', 'rancher');
    live.metadata.annotations = { ...live.metadata.annotations, c: '3' };
    s.update('apps/deployments', live, { manager: 'kubectl-annotate' });
    const without = deployment(3);
    without.metadata.annotations = { a: '1' };
    s.apply('apps/deployments', without, { manager: 'helm' });
    expect(s.mustGet('apps/deployments', 'cattle-system', 'rancher').metadata.annotations).toEqual({
      a: '1',
      c: '3',
    });
  });

  it('a no-op apply or update writes nothing', () => {
    const s = store();
    const first = s.apply('apps/deployments', deployment(3), { manager: 'helm' });
    const again = s.apply('apps/deployments', deployment(3), { manager: 'helm' });
    expect(again.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
    const updated = s.update('apps/deployments', again, { manager: 'kubectl-edit' });
    expect(updated.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
  });

  it("moves a client-side manager's fields to its Apply entry (csaupgrade)", () => {
    const s = store();
    s.create('apps/deployments', deployment(3), { manager: 'helm' });
    s.upgradeToApply('apps/deployments', 'cattle-system', 'rancher', 'helm');
    expect(managers(s)).toEqual([
      { manager: 'helm', operation: 'Apply', fields: ['"f:replicas"', '"f:image"'] },
    ]);
    // Without the move, helm's own Update entry would conflict with its first apply.
    const unmoved = store();
    unmoved.create('apps/deployments', deployment(3), { manager: 'helm' });
    expect(
      conflict(() => unmoved.apply('apps/deployments', deployment(4), { manager: 'helm' })).message,
    ).toBe('Apply failed with 1 conflict: conflict with "helm" using apps/v1: .spec.replicas');
  });

  it('names the manager from ?fieldManager, else the user agent up to its first slash', () => {
    const q = (s: string) => new URLSearchParams(s);
    expect(fieldManagerOf(q('fieldManager=kubectl-patch'), 'kubectl/v1.32.4 (linux/amd64)')).toBe(
      'kubectl-patch',
    );
    expect(fieldManagerOf(q(''), 'kubectl/v1.32.4 (linux/amd64) kubernetes/abc')).toBe('kubectl');
    expect(fieldManagerOf(q(''), undefined)).toBe('');
  });
});
