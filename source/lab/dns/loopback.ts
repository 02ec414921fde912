import { isIPv4 } from 'node:net';

/** The lab's network rule: it binds and sends only on 127.0.0.0/8. */
export function isLoopbackIpv4(address: string): boolean {
  return isIPv4(address) && address.startsWith('127.');
}

export function assertLoopback(address: string, what: string): void {
  if (!isLoopbackIpv4(address)) {
    throw new Error(`${what}: ${address} is not a loopback address; the lab uses 127.0.0.0/8 only`);
  }
}
