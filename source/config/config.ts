import type { Answers } from './schema.js';

/**
 * The validated answers, defaults applied and TLS paths made absolute.
 * Only file paths: key material and passwords never live in Config.
 */
export type Config = Answers;

export type PksConfig = Config['pks'];
export type RancherConfig = Config['rancher'];
export type TlsPaths = Config['tls'];
