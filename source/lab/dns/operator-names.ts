import type { LabContext } from '../context.js';

/**
 * Names whose A record the simulated operator wrote, per lab: the `dnsWrongIp` fault
 * stands for a typo in exactly those records, so the DNS server needs to know them.
 */
const namesByLab = new WeakMap<LabContext, Set<string>>();

function normalise(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

export function markOperatorSet(lab: LabContext, name: string): void {
  let names = namesByLab.get(lab);
  if (!names) {
    names = new Set();
    namesByLab.set(lab, names);
  }
  names.add(normalise(name));
}

export function isOperatorSet(lab: LabContext, name: string): boolean {
  return namesByLab.get(lab)?.has(normalise(name)) ?? false;
}
