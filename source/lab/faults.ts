import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';

/** Faults the lab injects on request, from `lab up` flags and `DIR/faults.json`. */
export const faultSchema = z
  .object({
    /** The next N API requests answer 503 (then 500, alternating). */
    api5xx: z.number().int().min(0).optional(),
    /** Every API response is delayed this many (real) milliseconds. */
    apiSlowMs: z.number().int().min(0).optional(),
    /** The API server refuses connections for this many (real) seconds from when the fault is read. */
    apiDownSeconds: z.number().min(0).optional(),
    /** Open watches are cut this often (real seconds); 0 cuts them once now. */
    dropWatchesEverySeconds: z.number().min(0).optional(),
    /** `pks create-cluster` ends in `failed`. */
    pksCreateFails: z.boolean().optional(),
    /** The next N `helm install`/`upgrade` calls fail. */
    helmFails: z.number().int().min(0).optional(),
    /**
     * Calls of the fake CLIs whose words start with a key (`pks create-cluster`,
     * `helm upgrade`) take effect, then answer this many (real) ms late: a CLI still busy
     * when the installer is stopped. Set in faults.json (`--fault` takes no map). The lab
     * logs `TOOL COMMAND: answering N ms late` when one starts waiting.
     */
    slowCommands: z.record(z.string(), z.number().int().min(0)).optional(),
    /**
     * LoadBalancer services never get an IP; NCP sets `ncp/error.loadbalancer` to this
     * (true: IP_POOL_EXHAUSTED) and names an NSXError object holding the message.
     */
    lbNoIp: z
      .union([
        z.boolean(),
        z.enum(['IP_POOL_NOT_FOUND', 'IP_POOL_EXHAUSTED', 'SERVICE_LOADBALANCER_UNREALIZED']),
      ])
      .optional(),
    /** NCP lists an NSX-T transit address (100.64.0.0/10) before the virtual-server IP. */
    lbTransitIp: z.boolean().optional(),
    /** The DNS server answers this IP for the Rancher hostname(s). */
    dnsWrongIp: z.string().optional(),
    /** The `local` cluster stays Provisioning until something updates it. */
    localClusterStuck: z.boolean().optional(),
    /**
     * With --oidc: every ID and refresh token issued so far counts as expired when this
     * turns on, as if the install resumed hours later (the refresh token lasts 6 h).
     */
    oidcTokensExpired: z.boolean().optional(),
    /**
     * Day 2. One pod crash-loops while this is set, its container OOMKilled (exit 137) at
     * every start: `true` for a Rancher pod (`app=rancher`), or a `KEY=VALUE` label selector;
     * the first matching pod by name. Cleared: its next restart comes up Ready.
     */
    podDown: z.union([z.boolean(), z.string().regex(/^[\w./-]+=[\w./-]*$/)]).optional(),
    /**
     * The ingress controllers' NSX-T virtual servers are gone: nothing answers on their
     * VIPs, while the Services keep their IPs (Kubernetes is not told). Cleared: they answer.
     */
    vipLost: z.boolean().optional(),
    /** Someone put a certificate from another CA into `tls-rancher-ingress`; cleared: put back. */
    tlsCertReplaced: z.boolean().optional(),
    /**
     * Someone renewed `tls-rancher-ingress` with a certificate from your CA (its certificate
     * and key, paths relative to DIR) that expires in `days`; cleared: put back.
     */
    tlsCertExpiring: z
      .strictObject({
        days: z.number().min(0),
        caCert: z.string().min(1),
        caKey: z.string().min(1),
      })
      .optional(),
    /** Someone added a new CA to `tls-ca` and restarted nothing; cleared: put back. */
    caSecretChanged: z.boolean().optional(),
    /**
     * Day 2. The registry has no such image: a tag (`v2.13.7`, the `v` optional) or a whole
     * image reference. Pods using it stay in ErrImagePull / ImagePullBackOff, so a Rancher
     * upgrade to that version never rolls out (a mirror that was not synced, the common
     * air-gap failure); cleared: the next pull retry succeeds.
     */
    imageMissing: z.string().min(1).optional(),
    /**
     * The next N calls to the lab Rancher's API (/v3, /v3-public) answer 429 Too Many Requests
     * with `Retry-After: 1`, as a rate-limiting proxy in front of Rancher would (Rancher has
     * no API rate limit of its own: unverified what a real one sends).
     */
    rancherApi429: z.number().int().min(0).optional(),
    /** The next N calls to the lab Rancher's API answer 503 (Rancher's pods restarting). */
    rancherApi5xx: z.number().int().min(0).optional(),
    /**
     * Edge clusters (`lab up --edge-clusters`) whose API server refuses connections while
     * listed (the jump box cannot reach them); back when cleared.
     */
    edgeUnreachable: z.array(z.string().min(1)).optional(),
    /**
     * Edge clusters whose DNS does not resolve the Rancher hostname: their agent and the
     * reachability Job's curl fail with `Could not resolve host`.
     */
    edgeNoDns: z.array(z.string().min(1)).optional(),
    /**
     * Edge clusters that see another CA in front of Rancher (a TLS-intercepting proxy): the
     * agent's CA checksum check fails, curl with Rancher's CA fails with exit 60.
     */
    edgeCaMismatch: z.array(z.string().min(1)).optional(),
    /** The named release's last upgrade failed (`helm upgrade --wait` timed out); stays until a rollback. */
    releaseFailed: z.string().min(1).optional(),
  })
  .strict();

export type FaultSettings = z.infer<typeof faultSchema>;
type CountedFault = 'api5xx' | 'helmFails' | 'rancherApi429' | 'rancherApi5xx';

/**
 * The faults in force. Flags set the start; the file, when it changes, replaces
 * them (so a test can switch faults on and off while the lab runs).
 */
export class Faults {
  private settings: FaultSettings;
  private fileStamp = '';
  private readAt = Date.now();
  private listeners = new Set<() => void>();

  constructor(
    initial: FaultSettings,
    private readonly file?: string,
  ) {
    this.settings = { ...initial };
  }

  /** Re-reads the file if it changed; a bad file is reported and ignored. */
  refresh(onError: (message: string) => void = () => {}): void {
    if (!this.file) return;
    let stamp = '';
    try {
      const st = statSync(this.file);
      stamp = `${st.mtimeMs}:${st.size}`;
    } catch {
      stamp = 'absent';
    }
    if (stamp === this.fileStamp) return;
    this.fileStamp = stamp;
    if (stamp === 'absent') return;
    try {
      const parsed = faultSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8') || '{}'));
      if (!parsed.success) {
        onError(
          `faults.json: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
        return;
      }
      this.set(parsed.data);
    } catch (e) {
      onError(`faults.json: ${(e as Error).message}`);
    }
  }

  set(settings: FaultSettings): void {
    this.settings = { ...settings };
    this.readAt = Date.now();
    for (const l of this.listeners) l();
  }

  get current(): Readonly<FaultSettings> {
    return this.settings;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Uses one of a counted fault; true when it fires. */
  take(name: CountedFault): boolean {
    const left = this.settings[name] ?? 0;
    if (left <= 0) return false;
    this.settings[name] = left - 1;
    return true;
  }

  /** True while an `apiDownSeconds` outage is in force. */
  apiDown(now = Date.now()): boolean {
    const s = this.settings.apiDownSeconds;
    return s !== undefined && s > 0 && now < this.readAt + s * 1000;
  }
}
