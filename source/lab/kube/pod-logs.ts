/** Container logs, as `kubectl logs` reads them through the API server. */
export class PodLogs {
  private readonly lines = new Map<string, string[]>();

  private static key(namespace: string, pod: string, container: string): string {
    return `${namespace}/${pod}/${container}`;
  }

  append(namespace: string, pod: string, container: string, line: string): void {
    const k = PodLogs.key(namespace, pod, container);
    const list = this.lines.get(k) ?? [];
    list.push(line);
    if (list.length > 1000) list.shift();
    this.lines.set(k, list);
  }

  read(namespace: string, pod: string, container: string): string[] {
    return [...(this.lines.get(PodLogs.key(namespace, pod, container)) ?? [])];
  }

  forget(namespace: string, pod: string): void {
    for (const k of this.lines.keys())
      if (k.startsWith(`${namespace}/${pod}/`)) this.lines.delete(k);
  }
}
