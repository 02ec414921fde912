import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import {
  claimAddress,
  claimAddressRange,
  claimPort,
  type AddressRange,
} from '../../source/lab/address-range.js';

const held: AddressRange[] = [];
const children: ChildProcess[] = [];

afterEach(async () => {
  for (const range of held.splice(0)) await range.release();
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/**
 * Ranges of this test's own, outside the labs' 100-199: labs other test files start at the
 * same time never take them, nor are they crowded out by what this file holds.
 */
const ownOctets = Array.from({ length: 10 }, (_, i) => 220 + i);

async function claim(octets = ownOctets): Promise<AddressRange> {
  const range = await claimAddressRange({ ingressHttpsPort: 40_000, octets });
  held.push(range);
  return range;
}

/** Two ranges free right now (another process may use some of 100-199). */
async function twoFreeOctets(): Promise<[number, number]> {
  const a = await claim();
  const b = await claim();
  await a.release();
  await b.release();
  return [a.octet, b.octet];
}

/** Another process listening on host:port until killed (an older lab, or another program). */
async function holdInAnotherProcess(host: string, port: number): Promise<ChildProcess> {
  const script = `require('node:net').createServer().listen(${port}, '${host}', () => console.log('held'))`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => c.toString().includes('held') && resolve());
    child.on('exit', (code) => reject(new Error(`holder exited (${code})`)));
  });
  return child;
}

describe('claimAddressRange', () => {
  it('gives labs started at the same moment different ranges', async () => {
    // Every claim tries the same octets in the same order: the worst case for a race.
    const ranges = await Promise.all(Array.from({ length: 6 }, () => claim(ownOctets)));
    expect(new Set(ranges.map((r) => r.octet)).size).toBe(6);
    for (const r of ranges) expect(r.cidr).toBe(`127.${r.octet}.0.0/16`);
  });

  it('skips a range another process has claimed, and takes it once that process is killed', async () => {
    const [busy, free] = await twoFreeOctets();
    const holder = await holdInAnotherProcess(claimAddress(busy), claimPort);
    expect((await claim([busy, free])).octet).toBe(free);
    await held.pop()!.release();

    const gone = new Promise((resolve) => holder.once('exit', resolve));
    holder.kill('SIGKILL');
    await gone;
    expect((await claim([busy, free])).octet).toBe(busy);
  });

  it('skips a range whose addresses are in use by something that does not claim (an older lab)', async () => {
    const [busy, free] = await twoFreeOctets();
    // An older lab's first cluster: the Kubernetes API on the first master, port 8443.
    await holdInAnotherProcess(`127.${busy}.0.10`, 8443);
    expect((await claim([busy, free])).octet).toBe(free);
  });

  it('skips a range whose first virtual server is in use on the ingress port', async () => {
    const [busy, free] = await twoFreeOctets();
    await holdInAnotherProcess(`127.${busy}.1.10`, 40_000);
    expect((await claim([busy, free])).octet).toBe(free);
  });

  it('says in one line when no range is free', async () => {
    const [busy] = await twoFreeOctets();
    await holdInAnotherProcess(claimAddress(busy), claimPort);
    await expect(claim([busy])).rejects.toThrow(
      /^lab: every loopback range it can use \(127\.\d+\.0\.0\/16, 127\.N\.0\.0\/16\) is taken/,
    );
  });

  it('frees the range on release', async () => {
    const range = await claim();
    await range.release();
    await range.release();
    expect((await claim([range.octet])).octet).toBe(range.octet);
  });
});
