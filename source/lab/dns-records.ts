/** The lab's DNS zone data: names to IPv4 addresses. Names are matched case-insensitively. */
export class DnsRecords {
  private readonly records = new Map<string, string[]>();

  private static norm(name: string): string {
    return name.toLowerCase().replace(/\.$/, '');
  }

  set(name: string, ips: string[]): void {
    this.records.set(DnsRecords.norm(name), [...ips]);
  }

  delete(name: string): void {
    this.records.delete(DnsRecords.norm(name));
  }

  lookup(name: string): string[] | undefined {
    return this.records.get(DnsRecords.norm(name));
  }

  entries(): [string, string[]][] {
    return [...this.records.entries()];
  }
}
