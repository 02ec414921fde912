/** Host names compare case-insensitively, without a trailing dot or port. */
export function normaliseHost(host: string): string {
  return host.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
}

/** `*.example.com` covers exactly one more label, as in Ingress rules and TLS hosts. */
export function wildcardMatches(pattern: string, host: string): boolean {
  const p = normaliseHost(pattern);
  if (!p.startsWith('*.')) return false;
  const suffix = p.slice(1);
  const first = host.slice(0, host.length - suffix.length);
  return host.endsWith(suffix) && first.length > 0 && !first.includes('.');
}

export function hostMatches(pattern: string, host: string): boolean {
  const h = normaliseHost(host);
  return normaliseHost(pattern) === h || wildcardMatches(pattern, h);
}
