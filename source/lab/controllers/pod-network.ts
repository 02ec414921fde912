/**
 * NCP's pod addressing: every namespace gets its own /24 from the pod IP block, and
 * its pods take addresses from it. Addresses are only data, never contacted.
 */
export class PodNetwork {
  private readonly subnets = new Map<string, number>();
  private readonly used = new Map<string, Set<number>>();
  private readonly byPod = new Map<string, { namespace: string; host: number }>();

  private subnet(namespace: string): number {
    let index = this.subnets.get(namespace);
    if (index === undefined) {
      index = this.subnets.size;
      this.subnets.set(namespace, index);
    }
    return index;
  }

  /** The pod's IP; the same one on every call until it is released. */
  allocate(namespace: string, podUid: string): string | undefined {
    const known = this.byPod.get(podUid);
    const third = (54 + this.subnet(namespace)) % 256;
    if (known) return `10.11.${third}.${known.host}`;
    const used = this.used.get(namespace) ?? new Set<number>();
    this.used.set(namespace, used);
    for (let host = 2; host < 255; host++) {
      if (used.has(host)) continue;
      used.add(host);
      this.byPod.set(podUid, { namespace, host });
      return `10.11.${third}.${host}`;
    }
    return undefined;
  }

  release(podUid: string): void {
    const known = this.byPod.get(podUid);
    if (!known) return;
    this.used.get(known.namespace)?.delete(known.host);
    this.byPod.delete(podUid);
  }
}
