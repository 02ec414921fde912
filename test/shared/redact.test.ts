import { describe, expect, it } from 'vitest';
import { REDACTED, redactArgv, redactPem, redactText } from '../../source/shared/redact.js';

describe('redactArgv', () => {
  it.each([
    [
      ['helm', '--set', 'a.bootstrapPassword=x,b=1'],
      ['helm', '--set', 'a.bootstrapPassword=<redacted>,b=1'],
    ],
    [
      ['helm', '--set-string=token=t'],
      ['helm', '--set-string=token=<redacted>'],
    ],
    [
      ['pks', 'login', '-p', 'pw'],
      ['pks', 'login', '-p', REDACTED],
    ],
    [
      ['pks', 'login', '--password=pw'],
      ['pks', 'login', '--password=<redacted>'],
    ],
    [
      ['kubectl', '--token', 'abc'],
      ['kubectl', '--token', REDACTED],
    ],
    [
      ['kubectl', '--from-literal=password=pw'],
      ['kubectl', '--from-literal=password=<redacted>'],
    ],
    [
      ['helm', 'repo', 'add', 'r', 'https://u:pw@charts.test/x'],
      ['helm', 'repo', 'add', 'r', 'https://u:<redacted>@charts.test/x'],
    ],
  ])('%j', (argv, expected) => {
    expect(redactArgv(argv)).toEqual(expected);
  });

  it('leaves ordinary arguments alone', () => {
    const argv = [
      'pks',
      'create-cluster',
      'cz',
      '--external-hostname',
      'cz.pks.test',
      '--plan',
      'large',
      '--num-nodes',
      '3',
    ];
    expect(redactArgv(argv)).toEqual(argv);
  });
});

describe('redactText', () => {
  it('keeps PEM labels but hides the body', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
    expect(redactPem(pem)).toBe('-----BEGIN CERTIFICATE-----<redacted>-----END CERTIFICATE-----');
    expect(redactText(`x ${pem} y`)).toBe(
      'x -----BEGIN CERTIFICATE-----<redacted>-----END CERTIFICATE----- y',
    );
  });

  it.each([
    ['Authorization: Bearer abc.def', 'Authorization: Bearer <redacted>'],
    ['authorization: Basic dXNlcjpwdw==', 'authorization: Basic <redacted>'],
    ['    token: abcdef', '    token: <redacted>'],
    ['{"password":"pw","user":"admin"}', '{"password":"<redacted>","user":"admin"}'],
    ['id-token=xyz; path=/', 'id-token=<redacted>; path=/'],
    ['client-key-data: QUJD', 'client-key-data: <redacted>'],
    ['error: --client-secret s3cr3t is wrong', 'error: --client-secret <redacted> is wrong'],
  ])('%s', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it('hides Rancher API tokens and the token in registration URLs', () => {
    const secret = 'x8v2kq9p7mfsl4cdt5wzr6nbgh2jq8svxk4lm7tpc9rdf2hw5bqn';
    expect(redactText(`login gave token-abc12:${secret} for admin`)).toBe(
      'login gave token-abc12:<redacted> for admin',
    );
    expect(redactText(`["token-abc12:${secret}"]`)).toBe('["token-abc12:<redacted>"]');
    const command = `kubectl apply -f https://rancher.lab.test/v3/import/${secret}_c-m4x7q.yaml`;
    expect(redactText(command)).toBe(
      'kubectl apply -f https://rancher.lab.test/v3/import/<redacted>_c-m4x7q.yaml',
    );
    expect(redactText(redactText(command))).toBe(redactText(command));
  });

  it('hides bare JWTs', () => {
    expect(redactText('got eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig ok')).toBe('got <redacted> ok');
  });

  it('is idempotent', () => {
    const once = redactText('token: abc Authorization: Bearer x -p y');
    expect(redactText(once)).toBe(once);
  });

  it('leaves ordinary output alone', () => {
    const text = 'secret/tls-ca created\nNAME READY STATUS\nrancher-7d9 1/1 Running';
    expect(redactText(text)).toBe(text);
  });
});

describe('redactArgv and -p', () => {
  it('hides the password of pks login but keeps the plan of create-cluster', () => {
    expect(redactArgv(['login', '-a', 'api', '-u', 'me', '-p', 'hunter2', '-k'])).toEqual([
      'login',
      '-a',
      'api',
      '-u',
      'me',
      '-p',
      '<redacted>',
      '-k',
    ]);
    expect(redactArgv(['create-cluster', 'c', '-e', 'c.example.com', '-p', 'rancher'])).toEqual([
      'create-cluster',
      'c',
      '-e',
      'c.example.com',
      '-p',
      'rancher',
    ]);
  });
});
