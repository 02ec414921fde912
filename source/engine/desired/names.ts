/**
 * The names the install gives what it creates, in one place: stages create them, checks and
 * the day-2 commands look them up.
 */

/** Rancher's namespace (the chart's documented one); the ingress controller lives there too. */
export const namespace = 'cattle-system';

/** The private-CA secret `privateCA=true` mounts; its key must be `cacerts.pem`. */
export const caSecretName = 'tls-ca';
export const caSecretKey = 'cacerts.pem';

/**
 * The TLS secret for the Rancher hostname: the chart's default `ingress.tls.secretName`,
 * used by our Ingress and by Traefik's default TLS store.
 */
export const tlsSecretName = 'tls-rancher-ingress';

/** Our Ingress for Rancher, and the Service the Rancher chart creates that it sends to. */
export const ingressName = 'rancher';
export const rancherService = 'rancher';
