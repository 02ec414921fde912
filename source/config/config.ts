import type { Answers } from './schema.js';

/**
 * The validated answers, defaults applied and TLS paths made absolute.
 * Only file paths: key material and passwords never live in Config.
 */
export type Config = Answers;

export type PksConfig = Config['pks'];
export type RancherConfig = Config['rancher'];
export type TlsPaths = Config['tls'];

/** Where Rancher lives; the chart's documented namespace. */
export const rancherNamespace = 'cattle-system';

/** The private-CA secret `privateCA=true` mounts; its key must be `cacerts.pem`. */
export const caSecretName = 'tls-ca';
export const caSecretKey = 'cacerts.pem';

/**
 * The TLS secret for the Rancher hostname. It is the chart's default
 * `ingress.tls.secretName`, so the chart's own Ingress finds it without extra values.
 */
export function tlsSecretName(_config: Config): string {
  return 'tls-rancher-ingress';
}

/** The URL users open, and the one the HTTPS probe checks. */
export function rancherUrl(config: Config): string {
  return `https://${config.rancher.hostname}`;
}
