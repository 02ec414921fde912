/**
 * Name rules for the answers file, as pure functions returning what is wrong (or undefined).
 * Each message reads "what is wrong; how to fix" so it can follow a field path.
 */

const maxNameLength = 253;
const maxLabelLength = 63;
const labelPattern = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const ipv4Pattern = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Why `value` (already lowercased) is not a fully qualified DNS name, or undefined when it is. */
export function dnsNameProblem(value: string): string | undefined {
  const shown = JSON.stringify(value.length > 80 ? `${value.slice(0, 40)}…` : value);
  const url = /^[a-z][a-z0-9+.-]*:\/\/([^/:]+)/.exec(value);
  if (url) return `${shown} is a URL; give the host name only, e.g. ${url[1]}`;
  if (/:\d+$/.test(value)) return `${shown} has a port; give the host name only, without :PORT`;
  if (value.length > maxNameLength) {
    return `${shown} is ${value.length} characters long; a DNS name has at most ${maxNameLength}`;
  }
  if (/[^a-z0-9.-]/.test(value)) {
    return `${shown} is not a valid DNS name; use only letters, digits, hyphens and dots`;
  }
  if (!value.includes('.')) {
    return `${shown} is not a fully qualified name; use the full DNS name, e.g. ${value}.example.com`;
  }
  return labelProblem(value, shown);
}

function labelProblem(value: string, shown: string): string | undefined {
  for (const label of value.split('.')) {
    if (label === '')
      return `${shown} has an empty label (a leading, trailing or double dot); remove it`;
    if (label.length > maxLabelLength) {
      return `${shown} has a label longer than ${maxLabelLength} characters ("${label.slice(0, 12)}…"); shorten it`;
    }
    if (!labelPattern.test(label)) {
      return `${shown} has a label that starts or ends with a hyphen ("${label}"); labels begin and end with a letter or digit`;
    }
  }
  return undefined;
}

/** True for a dotted-quad IPv4 address, which passes the DNS label rules but is not a name. */
export function looksLikeIpv4(value: string): boolean {
  return ipv4Pattern.test(value);
}

// The lab's fake `pks` enforces the same rule as the real CLI's error message:
// "names must start with a letter and contain only letters, numbers, hyphens and underscores".
const clusterNamePattern = /^[A-Za-z][A-Za-z0-9_-]*$/;
const maxClusterNameLength = 64;

/** Why `value` cannot be a PKS/TKGI cluster name, or undefined when it can. */
export function clusterNameProblem(value: string): string | undefined {
  const shown = JSON.stringify(value);
  if (value.length > maxClusterNameLength) {
    return `${shown} is ${value.length} characters long; PKS allows at most ${maxClusterNameLength}`;
  }
  if (!clusterNamePattern.test(value)) {
    return `${shown} is not a PKS cluster name; start with a letter and use only letters, digits, hyphens and underscores`;
  }
  return undefined;
}

const networkProfilePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Why `value` cannot be a PKS network profile name, or undefined when it can. */
export function networkProfileProblem(value: string): string | undefined {
  return networkProfilePattern.test(value)
    ? undefined
    : `${JSON.stringify(value)} is not a network profile name; use letters, digits, dots, hyphens and underscores, starting with a letter or digit`;
}
