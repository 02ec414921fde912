/**
 * The inventory's value rules as pure functions: what is wrong and how to fix it, or undefined.
 * Each message reads "what is wrong; how to fix" so it can follow a field path.
 */

const maxNameLength = 63;
const namePattern = /^[a-z]([a-z0-9-]*[a-z0-9])?$/;

/**
 * A cluster's name in Rancher. The v3 API takes any display name (rancher/rancher
 * pkg/schemas/management.cattle.io/v3/schema.go maps `name` to the DisplayName), but the
 * dashboard's provisioning clusters are Kubernetes objects named by it (DNS-1123 labels) and
 * offline bundles are folders named by it: a lowercase DNS label starting with a letter fits all.
 */
export function inventoryNameProblem(value: string): string | undefined {
  const shown = JSON.stringify(value.length > 80 ? `${value.slice(0, 40)}…` : value);
  if (value.length > maxNameLength)
    return `${shown} is ${value.length} characters long; Rancher cluster names here have at most ${maxNameLength}`;
  const lower = value.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
  if (value !== value.toLowerCase() && namePattern.test(value.toLowerCase()))
    return `${shown} has capital letters; write it in lowercase: ${value.toLowerCase()}`;
  if (!namePattern.test(value)) {
    const hint = namePattern.test(lower) ? `, e.g. ${lower}` : '';
    return `${shown} is not a valid cluster name; use lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen${hint}`;
  }
  // The Rancher server's own cluster is `local` (its v3 id and display name).
  if (value === 'local') return `"local" is the Rancher server's own cluster; choose another name`;
  return undefined;
}

const labelNamePattern = /^[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?$/;
const dnsSubdomainPattern = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

/**
 * A Kubernetes label key: `[prefix/]name`, the name at most 63 characters of letters, digits,
 * `-`, `_`, `.` starting and ending alphanumeric, the prefix a DNS subdomain of at most 253
 * (k8s.io/apimachinery pkg/util/validation IsQualifiedName).
 */
export function labelKeyProblem(key: string): string | undefined {
  const shown = JSON.stringify(key.length > 80 ? `${key.slice(0, 40)}…` : key);
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !dnsSubdomainPattern.test(prefix)))
    return `label key ${shown} has a prefix that is not a lowercase DNS name; write it as example.com/${name || 'key'} or drop the prefix`;
  if (name.length === 0 || name.length > 63)
    return `label key ${shown} must have a name of 1 to 63 characters; shorten or fill it in`;
  if (!labelNamePattern.test(name))
    return `label key ${shown} is not a valid Kubernetes label key; use letters, digits, '-', '_' and '.', starting and ending with a letter or digit`;
  return undefined;
}

/** A Kubernetes label value: empty, or up to 63 characters like a label key's name. */
export function labelValueProblem(value: string): string | undefined {
  const shown = JSON.stringify(value.length > 80 ? `${value.slice(0, 40)}…` : value);
  if (value.length > 63)
    return `${shown} is ${value.length} characters long; label values have at most 63`;
  if (value !== '' && !labelNamePattern.test(value))
    return `${shown} is not a valid label value; use letters, digits, '-', '_' and '.', starting and ending with a letter or digit`;
  return undefined;
}
