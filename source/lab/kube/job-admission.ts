import { errors } from './api-error.js';
import type { KubeObject } from './object.js';
import type { ResourceType } from './resources.js';

/**
 * A Job as the API server stores it. Selector and template labels: kubernetes
 * pkg/registry/batch/job/strategy.go generateSelector (since v1.27 both the
 * `batch.kubernetes.io/` labels and the legacy `controller-uid`/`job-name`); defaults:
 * pkg/apis/batch/v1/defaults.go (completions and parallelism 1, backoffLimit 6,
 * completionMode NonIndexed, suspend false, podReplacementPolicy TerminatingOrFailed with
 * the JobPodReplacementPolicy feature on by default since v1.29); restartPolicy must be
 * OnFailure or Never (pkg/apis/batch/validation/validation.go).
 */
export function admitJob(t: ResourceType, obj: KubeObject, old: KubeObject | undefined): void {
  const spec = (obj.spec ??= {});
  const podSpec = spec.template?.spec as Record<string, unknown> | undefined;
  if (!podSpec || !Array.isArray(podSpec.containers) || podSpec.containers.length === 0) {
    throw errors.invalid(t, obj.metadata.name, 'spec.template.spec.containers', 'Required value');
  }
  const restart = podSpec.restartPolicy as string | undefined;
  if (restart !== 'OnFailure' && restart !== 'Never') {
    throw errors.invalid(
      t,
      obj.metadata.name,
      'spec.template.spec.restartPolicy',
      restart === undefined
        ? 'Required value: valid values: "OnFailure", "Never"'
        : `Unsupported value: "${restart}": supported values: "OnFailure", "Never"`,
    );
  }
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= 6;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  if (spec.manualSelector === true) return;
  const uid = old?.metadata.uid ?? obj.metadata.uid ?? '';
  const generated = {
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': obj.metadata.name,
    'controller-uid': uid,
    'job-name': obj.metadata.name,
  };
  spec.selector = old?.spec?.selector ?? {
    matchLabels: { 'batch.kubernetes.io/controller-uid': uid },
  };
  spec.template.metadata ??= {};
  spec.template.metadata.labels = { ...(spec.template.metadata.labels ?? {}), ...generated };
  obj.status ??= {};
}
