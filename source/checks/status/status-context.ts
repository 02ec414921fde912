import type { Config } from '../../config/config.js';
import type { Facts } from '../../engine/facts.js';
import type { Systems } from '../../systems/systems.js';

/** What `status` checks with: every system call it makes through `systems` only reads. */
export interface StatusContext {
  config: Config;
  systems: Systems;
  /**
   * What the install recorded (the virtual-server IP, the master IP…): compared with what
   * is there now. Absent when the target is an answers file.
   */
  facts?: Readonly<Facts>;
  /** The session the facts come from, for commands the remedies name. */
  sessionId?: string;
  /** The pod IP blocks' prefix length, when the user knows it (NSX-T's, not visible to PKS). */
  podIpBlockPrefix?: number;
  now?: Date;
}
