import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../source/config/errors.js';
import { parseAnswers } from '../../source/config/load-answers.js';
import { noEnv, walkthroughAnswers } from './answers-fixtures.js';

/** The problem lines parseAnswers throws for `data`. */
function problemsOf(data: unknown, env: Record<string, string> = noEnv): readonly string[] {
  try {
    parseAnswers(data, '/answers', env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

function withChange(section: string, values: Record<string, unknown>) {
  const answers = walkthroughAnswers();
  answers[section] = { ...answers[section], ...values };
  return answers;
}

describe('parseAnswers: defaults', () => {
  it('fills in the defaults of a minimal file', () => {
    const answers = walkthroughAnswers();
    delete answers.pks?.networkProfile;
    delete answers.pks?.lbSize;
    const config = parseAnswers(answers, '/answers', noEnv);
    expect(config.pks).toMatchObject({ lbSize: 'small', networkProfile: 'lb-small' });
    expect(config.pks.cli).toBeUndefined();
    expect(config.rancher).toEqual({
      hostname: 'czrancherblog.sovsystems.com',
      replicas: 3,
      chartRepo: 'https://releases.rancher.com/server-charts/stable',
      chartVersion: '',
    });
    expect(config.dns).toEqual({ servers: [] });
  });

  it('names the network profile after the chosen size', () => {
    const answers = withChange('pks', { lbSize: 'large' });
    delete answers.pks?.networkProfile;
    expect(parseAnswers(answers, '/answers', noEnv).pks.networkProfile).toBe('lb-large');
  });

  it('keeps the walkthrough values', () => {
    const config = parseAnswers(walkthroughAnswers(), '/answers', noEnv);
    expect(config.pks).toMatchObject({
      networkProfile: 'lb-medium',
      lbSize: 'medium',
      cluster: 'czpksrancher05',
    });
  });

  it('lowercases hostnames (DNS is case-insensitive; Ingress hosts are lowercase)', () => {
    const config = parseAnswers(
      withChange('rancher', { hostname: 'CzRancherBlog.SovSystems.com' }),
      '/a',
      noEnv,
    );
    expect(config.rancher.hostname).toBe('czrancherblog.sovsystems.com');
  });

  it('accepts tkgi as the CLI', () => {
    expect(parseAnswers(withChange('pks', { cli: 'tkgi' }), '/a', noEnv).pks.cli).toBe('tkgi');
  });
});

describe('parseAnswers: the problems users hit', () => {
  it('refuses equal hostnames and explains they are two names', () => {
    const problems = problemsOf(
      withChange('rancher', { hostname: 'CZPKSRANCHER05.sovsystems.com' }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^rancher\.hostname: "czpksrancher05\.sovsystems\.com" is the same as pks\.externalHostname, but they are two separate names/,
    );
    expect(problems[0]).toContain('Kubernetes API');
  });

  it('still reports equal hostnames alongside other problems', () => {
    const answers = withChange('rancher', {
      hostname: 'czpksrancher05.sovsystems.com',
      replicas: 0,
    });
    const problems = problemsOf(answers);
    expect(problems).toHaveLength(2);
    expect(problems.some((line) => line.startsWith('rancher.hostname:'))).toBe(true);
  });

  it('names a load-balancer size that does not exist', () => {
    expect(problemsOf(withChange('pks', { lbSize: 'huge' }))).toEqual([
      'pks.lbSize: "huge" is not a load-balancer size; use small, medium or large',
    ]);
  });

  it('refuses a misnamed CA file', () => {
    expect(problemsOf(withChange('tls', { caCerts: './ca.pem' }))).toEqual([
      'tls.caCerts: the CA file must be named cacerts.pem (Rancher reads the secret key cacerts.pem); rename or copy it',
    ]);
  });

  it('refuses a typo in a key, with a suggestion', () => {
    const answers = withChange('pks', { lbsize: 'medium' });
    expect(problemsOf(answers)).toEqual([
      'pks.lbsize: unknown key; did you mean lbSize? (pks: cli, plan, cluster, externalHostname, networkProfile, lbSize, workers, caCert)',
    ]);
  });

  it('refuses a typo in a section name', () => {
    const answers = { ...walkthroughAnswers(), dsn: { servers: [] } };
    expect(problemsOf(answers)).toEqual([
      'dsn: unknown section; did you mean dns? (sections: pks, rancher, tls, ingress, dns)',
    ]);
  });

  it('refuses a password anywhere in the file', () => {
    expect(problemsOf(withChange('rancher', { bootstrapPassword: 'hunter2' }))).toEqual([
      'rancher.bootstrapPassword: passwords are never read from the answers file; set RANCHER_BOOTSTRAP_PASSWORD or type it at the prompt',
    ]);
    const nested = { ...walkthroughAnswers(), password: 'x' };
    expect(problemsOf(nested)[0]).toMatch(
      /^password: passwords are never read from the answers file/,
    );
    expect(problemsOf(withChange('tls', { keyPassphrase: 'x' }))[0]).toMatch(
      /^tls\.keyPassphrase: passwords/,
    );
  });

  it('never echoes the password value', () => {
    const problems = problemsOf(withChange('rancher', { bootstrapPassword: 'hunter2' }));
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('lists every missing required field', () => {
    expect(problemsOf({ pks: {}, rancher: {}, tls: {} })).toEqual([
      'pks.plan: is missing; add the PKS plan to build the cluster from (pks plans lists them)',
      'pks.cluster: is missing; add the name of the PKS cluster to create or use',
      'pks.externalHostname: is missing; add the DNS name of the cluster’s Kubernetes API (pks create-cluster -e)',
      'rancher.hostname: is missing; add the DNS name users will open Rancher at',
      'tls.cert: is missing; add the path of the server certificate file (PEM, server first, then intermediates)',
      'tls.key: is missing; add the path of the certificate’s private key file (PEM, not encrypted)',
      'tls.caCerts: is missing; add the path of the CA certificate file, named cacerts.pem',
    ]);
  });

  it('names missing sections', () => {
    expect(problemsOf({ pks: walkthroughAnswers().pks })).toEqual([
      'rancher: is missing; add a rancher section with hostname',
      'tls: is missing; add a tls section with cert, key and caCerts',
    ]);
  });

  it.each([null, [], 'pks', 42])('refuses %j as the whole answers', (data) => {
    expect(problemsOf(data)[0]).toMatch(
      /^answers: must be a mapping with the sections pks, rancher, tls, ingress and dns/,
    );
  });
});

describe('parseAnswers: field rules', () => {
  it.each([
    ['rancher', 'no dots', 'is not a fully qualified name'],
    ['rancher_x.example.com', 'underscore', 'use only letters, digits, hyphens and dots'],
    ['-rancher.example.com', 'leading hyphen', 'starts or ends with a hyphen'],
    ['rancher..example.com', 'double dot', 'empty label'],
    [`${'a'.repeat(64)}.example.com`, 'long label', 'longer than 63'],
    [`${'a.'.repeat(127)}com`, 'long name', 'at most 253'],
    [
      'https://rancher.example.com/',
      'a URL',
      'is a URL; give the host name only, e.g. rancher.example.com',
    ],
    ['rancher.example.com:443', 'a port', 'has a port'],
    ['10.0.0.5', 'an IP', 'is an IP address; Rancher needs a DNS name'],
  ])('refuses rancher.hostname %s (%s)', (hostname, _why, expected) => {
    const [problem] = problemsOf(withChange('rancher', { hostname }));
    expect(problem).toMatch(/^rancher\.hostname: /);
    expect(problem).toContain(expected);
  });

  it('accepts an IP as the PKS external hostname (pks create-cluster -e allows it)', () => {
    expect(
      parseAnswers(withChange('pks', { externalHostname: '10.0.0.5' }), '/a', noEnv).pks
        .externalHostname,
    ).toBe('10.0.0.5');
  });

  it.each(['9lives', 'my.cluster', 'has space', 'a'.repeat(65)])(
    'refuses cluster name %j',
    (cluster) => {
      expect(problemsOf(withChange('pks', { cluster }))[0]).toMatch(/^pks\.cluster: /);
    },
  );

  it.each(['rancher-01', 'Rancher_HA', 'r'])('accepts cluster name %j', (cluster) => {
    expect(parseAnswers(withChange('pks', { cluster }), '/a', noEnv).pks.cluster).toBe(cluster);
  });

  it('refuses an unknown CLI', () => {
    expect(problemsOf(withChange('pks', { cli: 'kubectl' }))).toEqual([
      'pks.cli: "kubectl" is not a PKS CLI; use pks or tkgi, or leave it out to use whichever is on PATH',
    ]);
  });

  it.each([
    [0, 'must be at least 1'],
    [2.5, 'must be a whole number'],
    ['3', 'must be a whole number such as 3, not "3"'],
  ])('refuses replicas %j', (replicas, expected) => {
    expect(problemsOf(withChange('rancher', { replicas }))[0]).toContain(expected);
  });

  it('asks to quote a chart version YAML read as a number', () => {
    expect(problemsOf(withChange('rancher', { chartVersion: 2.8 }))).toEqual([
      'rancher.chartVersion: 2.8 was read as a number; quote it: chartVersion: "2.8"',
    ]);
  });

  it('refuses a chart repository that is not http(s)', () => {
    expect(problemsOf(withChange('rancher', { chartRepo: 'oci://registry/rancher' }))[0]).toContain(
      'is not an http(s) URL',
    );
  });

  it('refuses empty and non-text TLS paths', () => {
    expect(problemsOf(withChange('tls', { cert: '', key: 7 }))).toEqual([
      'tls.cert: is empty; add the path of the server certificate file (PEM, server first, then intermediates)',
      'tls.key: must be text, not 7; add the path of the certificate’s private key file (PEM, not encrypted)',
    ]);
  });

  it('checks DNS servers as IP or IP:PORT', () => {
    const answers = {
      ...walkthroughAnswers(),
      dns: {
        servers: [
          '10.0.0.2',
          '10.0.0.3:5353',
          '::1',
          '[fd00::1]:53',
          'ns1.example.com',
          '10.0.0.4:0',
        ],
      },
    };
    expect(problemsOf(answers)).toEqual([
      'dns.servers[4]: "ns1.example.com" is not an IP address; write IP or IP:PORT, e.g. 10.0.0.2 or 10.0.0.2:5353 ([::1]:53 for IPv6)',
      'dns.servers[5]: "10.0.0.4:0" has an invalid port; use a port from 1 to 65535',
    ]);
  });
});

describe('parseAnswers: environment and paths', () => {
  it('lets RANCHER_PKS_TUI_DNS_SERVERS replace dns.servers', () => {
    const answers = { ...walkthroughAnswers(), dns: { servers: ['10.0.0.2'] } };
    const config = parseAnswers(answers, '/a', {
      RANCHER_PKS_TUI_DNS_SERVERS: ' 127.0.0.1:5353, 10.9.9.9 ',
    });
    expect(config.dns.servers).toEqual(['127.0.0.1:5353', '10.9.9.9']);
    expect(parseAnswers(answers, '/a', { RANCHER_PKS_TUI_DNS_SERVERS: ' ' }).dns.servers).toEqual([
      '10.0.0.2',
    ]);
  });

  it('checks the environment variable too', () => {
    expect(problemsOf(walkthroughAnswers(), { RANCHER_PKS_TUI_DNS_SERVERS: 'dns.local' })).toEqual([
      'RANCHER_PKS_TUI_DNS_SERVERS: "dns.local" is not an IP address; write IP or IP:PORT, e.g. 10.0.0.2 or 10.0.0.2:5353 ([::1]:53 for IPv6)',
    ]);
  });

  it('resolves relative TLS paths against the base folder and keeps absolute ones', () => {
    const config = parseAnswers(
      withChange('tls', { key: '/secure/czrancherblog.key' }),
      '/home/me/rancher',
      noEnv,
    );
    expect(config.tls).toEqual({
      cert: '/home/me/rancher/czrancherblog.cer',
      key: '/secure/czrancherblog.key',
      caCerts: '/home/me/rancher/cacerts.pem',
    });
  });

  it('resolves pks.caCert (the PKS API CA) like the TLS paths, and leaves it out when absent', () => {
    const config = parseAnswers(
      withChange('pks', { caCert: './pks-api-ca.pem' }),
      '/home/me/rancher',
      noEnv,
    );
    expect(config.pks.caCert).toBe('/home/me/rancher/pks-api-ca.pem');
    expect(parseAnswers(walkthroughAnswers(), '/home/me', noEnv).pks.caCert).toBeUndefined();
    expect(problemsOf(withChange('pks', { caCert: '' }))).toEqual([
      "pks.caCert: is empty; give the path of the PKS API's CA certificate (PEM), or leave it out",
    ]);
  });
});
