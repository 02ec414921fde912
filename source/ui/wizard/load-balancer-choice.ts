import { defaultLbSize, lbSizes, type LbSize } from '../../config/schema.js';
import type { NetworkProfile } from '../../systems/pks.js';
import type { PartialAnswers } from '../../config/partial-answers.js';

/**
 * The load-balancer prompt offers a new network profile per size (`lb-<size>`, the
 * answers file's default) and every existing profile for reuse. A size whose default
 * profile already exists is offered only as that profile, with its real size.
 */
export interface LoadBalancerChoice {
  /** `size:medium` or `profile:lb-medium`. */
  value: string;
  label: string;
  detail: string;
}

export function loadBalancerChoices(profiles: readonly NetworkProfile[]): LoadBalancerChoice[] {
  const existing = new Set(profiles.map((profile) => profile.name));
  const sizes = lbSizes
    .filter((size) => !existing.has(`lb-${size}`))
    .map((size) => ({
      value: `size:${size}`,
      label: size,
      detail: `new network profile lb-${size}`,
    }));
  const reuse = profiles.map((profile) => ({
    value: `profile:${profile.name}`,
    label: `reuse ${profile.name}`,
    detail: `existing profile, lb size ${profileSize(profile)}`,
  }));
  return [...sizes, ...reuse];
}

/** PKS treats a profile without `lb_size` as small. */
export function profileSize(profile: NetworkProfile): string {
  return profile.lbSize ?? defaultLbSize;
}

/** The choice the answers already make, so Enter keeps it. */
export function currentLoadBalancerChoice(
  answers: PartialAnswers,
  profiles: readonly NetworkProfile[],
): string {
  const named = answers.pks?.networkProfile ?? `lb-${answers.pks?.lbSize ?? defaultLbSize}`;
  if (profiles.some((profile) => profile.name === named)) return `profile:${named}`;
  return `size:${answers.pks?.lbSize ?? defaultLbSize}`;
}

/** The answers a choice stands for. */
export function loadBalancerPatch(
  value: string,
  profiles: readonly NetworkProfile[],
): PartialAnswers {
  const profile = profiles.find((p) => `profile:${p.name}` === value);
  if (profile) {
    return { pks: { networkProfile: profile.name, lbSize: asLbSize(profileSize(profile)) } };
  }
  // A new profile: leave the name out so the schema names it lb-<size>.
  return { pks: { lbSize: asLbSize(value.replace(/^size:/, '')), networkProfile: undefined } };
}

function asLbSize(value: string): LbSize {
  return (lbSizes as readonly string[]).includes(value) ? (value as LbSize) : defaultLbSize;
}
