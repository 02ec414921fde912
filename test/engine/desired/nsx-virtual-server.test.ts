import { describe, expect, it } from 'vitest';
import {
  isTransitAddress,
  ncpError,
  ncpErrorRemedy,
  nsxErrorName,
  virtualServerAddresses,
  virtualServersInUse,
} from '../../../source/engine/desired/nsx-virtual-server.js';

const service = (annotations: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'ingress-nginx-controller', annotations },
});

describe('NSX-T virtual server', () => {
  it('knows the transit range 100.64.0.0/10', () => {
    expect(isTransitAddress('100.64.128.125')).toBe(true);
    expect(isTransitAddress('100.127.255.1')).toBe(true);
    expect(isTransitAddress('100.128.0.1')).toBe(false);
    expect(isTransitAddress('100.63.0.1')).toBe(false);
    expect(isTransitAddress('10.50.0.79')).toBe(false);
  });

  it('never hands DNS the transit address, whatever the order', () => {
    expect(virtualServerAddresses(['10.50.0.79', '100.64.128.125'])).toEqual({
      all: ['10.50.0.79', '100.64.128.125'],
      forDns: '10.50.0.79',
      others: [],
    });
    expect(virtualServerAddresses(['100.64.128.125', '10.50.0.79']).forDns).toBe('10.50.0.79');
    expect(virtualServerAddresses(['100.64.128.125']).forDns).toBeUndefined();
    expect(virtualServerAddresses(['10.0.0.1', '10.0.0.2'])).toMatchObject({
      forDns: '10.0.0.1',
      others: ['10.0.0.2'],
    });
  });

  it("reads NCP's error annotations and the nsxerror name in any case", () => {
    expect(ncpError(service({ 'ncp/error.loadbalancer': 'IP_POOL_EXHAUSTED' }))).toEqual({
      key: 'ncp/error.loadbalancer',
      code: 'IP_POOL_EXHAUSTED',
    });
    expect(ncpError(service({ 'ncp/error.snat': 'IP_POOL_EXHAUSTED' }))?.key).toBe(
      'ncp/error.snat',
    );
    expect(ncpError(service({ other: 'x' }))).toBeUndefined();
    expect(nsxErrorName(service({ Nsxerror: 'services-1f48' }))).toBe('services-1f48');
    expect(nsxErrorName(service({ nsxerror: 'services-1f48' }))).toBe('services-1f48');
  });

  it('says what each error needs, naming the LB size that cannot change', () => {
    expect(ncpErrorRemedy('SERVICE_LOADBALANCER_UNREALIZED', 'small')).toMatch(
      /lb_size small.*larger lb_size \(it cannot change on an existing cluster\)/,
    );
    expect(ncpErrorRemedy('IP_POOL_EXHAUSTED', 'small')).toMatch(/floating IP pool/);
  });

  it('counts the API, the two NCP L7 servers and one per LoadBalancer Service', () => {
    expect(virtualServersInUse(1)).toBe(4);
  });
});
