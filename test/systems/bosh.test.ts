import { afterAll, describe, expect, it } from 'vitest';
import { Bosh, deploymentFor } from '../../source/systems/bosh.js';
import { PermanentError } from '../../source/systems/errors.js';
import { FakeBin } from './fake-bin.js';

const uuid = '3373eb33-8c8e-4c11-a7a8-4b25fe17722d';

/** The shape bosh-cli's JSON UI prints: headers keyified (`VM CID` → `vm_cid`). */
const vmsJson = JSON.stringify({
  Tables: [
    {
      Content: 'vms',
      Header: {
        instance: 'Instance',
        process_state: 'Process State',
        az: 'AZ',
        ips: 'IPs',
        vm_cid: 'VM CID',
        vm_type: 'VM Type',
        active: 'Active',
      },
      Rows: [
        {
          instance: 'master/4f1c0a52-5b0e-4a4e-9d7c-1a2b3c4d5e6f',
          process_state: 'running',
          az: 'az1',
          ips: '10.50.0.71',
          vm_cid: 'vm-aaa',
          vm_type: 'medium',
          active: 'true',
        },
        {
          instance: 'worker/9a2b',
          process_state: 'running',
          az: 'az2',
          ips: '10.50.0.81\n10.50.0.82',
          vm_cid: 'vm-bbb',
          vm_type: 'large',
          active: 'true',
        },
      ],
      Notes: null,
    },
  ],
  Blocks: null,
  Lines: ["Using environment '10.0.0.10' as client 'ops_manager'", 'Task 123. Done', 'Succeeded'],
});

describe('Bosh', () => {
  const bin = new FakeBin();
  afterAll(() => bin.cleanup());

  it('names the deployment PKS makes for a cluster', () => {
    expect(deploymentFor(uuid)).toBe(`service-instance_${uuid}`);
    expect(Bosh.deploymentFor(uuid)).toBe(`service-instance_${uuid}`);
  });

  it('lists the VMs from `bosh -d DEPLOYMENT vms --json`', async () => {
    const binary = bin.write('bosh', [
      { when: `-d service-instance_${uuid} vms --json`, stdout: vmsJson },
    ]);
    const vms = await new Bosh({ binary }).vms(deploymentFor(uuid));
    expect(vms).toEqual([
      {
        instance: 'master/4f1c0a52-5b0e-4a4e-9d7c-1a2b3c4d5e6f',
        vmCid: 'vm-aaa',
        ips: ['10.50.0.71'],
        az: 'az1',
        processState: 'running',
      },
      {
        instance: 'worker/9a2b',
        vmCid: 'vm-bbb',
        ips: ['10.50.0.81', '10.50.0.82'],
        az: 'az2',
        processState: 'running',
      },
    ]);
  });

  it("reports bosh's own error line", async () => {
    const failure = JSON.stringify({
      Tables: null,
      Blocks: null,
      Lines: [
        "Using environment '10.0.0.10'",
        "Deployment 'service-instance_x' doesn't exist",
        'Exit code 1',
      ],
    });
    const binary = bin.write('bosh-fail', [{ when: '*', stdout: failure, exit: 1 }]);
    const error = await new Bosh({ binary }).vms('service-instance_x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as Error).message).toBe(
      "bosh -d service-instance_x vms --json: Deployment 'service-instance_x' doesn't exist",
    );
  });

  it('knows whether bosh is on PATH', async () => {
    bin.write('bosh', [{ when: '*' }]);
    expect(await new Bosh({ env: { PATH: bin.dir } }).available()).toBe(true);
    expect(await new Bosh({ env: { PATH: '/nonexistent' } }).available()).toBe(false);
  });
});
