import { describe, expect, it } from 'vitest';
import { shellLine, shellQuote } from '../../source/shared/shell-quote.js';

describe('shellQuote', () => {
  it.each([
    ['cattle-system', 'cattle-system'],
    ['--set=hostname=r.example.test,replicas=3', '--set=hostname=r.example.test,replicas=3'],
    ['<VERSION>', '<VERSION>'],
    ['rancher.lab.test:443:<VIP>', 'rancher.lab.test:443:<VIP>'],
    ['a b', "'a b'"],
    ["it's", "'it'\\''s'"],
    ['', "''"],
    ['$HOME', "'$HOME'"],
    ['a>b', "'a>b'"],
    ['<a b>', "'<a b>'"],
    ['{{.data.x|base64decode}}', "'{{.data.x|base64decode}}'"],
  ])('%s → %s', (arg, quoted) => {
    expect(shellQuote(arg)).toBe(quoted);
  });

  it('joins a command line', () => {
    expect(shellLine(['kubectl', '-n', 'cattle-system', 'get', 'po', '-l', 'app in (a,b)'])).toBe(
      "kubectl -n cattle-system get po -l 'app in (a,b)'",
    );
  });
});
