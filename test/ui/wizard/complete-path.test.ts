import { describe, expect, it } from 'vitest';
import { completePath, type DirEntry } from '../../../source/ui/wizard/complete-path.js';

const tree: Record<string, DirEntry[]> = {
  '/work/certs': [
    { name: 'rancher.crt', isDirectory: false },
    { name: 'rancher.key', isDirectory: false },
    { name: 'cacerts.pem', isDirectory: false },
    { name: 'old', isDirectory: true },
    { name: '.hidden', isDirectory: false },
  ],
  '/home/me': [{ name: 'pki', isDirectory: true }],
  '/work/certs/old': [{ name: 'cacerts.pem', isDirectory: false }],
};
const context = {
  baseDir: '/work/certs',
  home: '/home/me',
  list: (dir: string) => tree[dir] ?? [],
};
const complete = (input: string) => completePath(input, context);

describe('completePath', () => {
  it('completes a unique name in the base folder', () => {
    expect(complete('ca')).toEqual({ value: 'cacerts.pem', candidates: [] });
  });

  it('adds a slash after a folder', () => {
    expect(complete('ol')).toEqual({ value: 'old/', candidates: [] });
    expect(complete('old/c')).toEqual({ value: 'old/cacerts.pem', candidates: [] });
  });

  it('goes as far as the names agree and lists the rest', () => {
    expect(complete('ran')).toEqual({
      value: 'rancher.',
      candidates: ['rancher.crt', 'rancher.key'],
    });
  });

  it('follows absolute paths and ~', () => {
    expect(complete('/work/certs/rancher.k')).toEqual({
      value: '/work/certs/rancher.key',
      candidates: [],
    });
    expect(complete('~')).toEqual({ value: '~/', candidates: [] });
    expect(complete('~/p')).toEqual({ value: '~/pki/', candidates: [] });
  });

  it('offers hidden files only after a dot, and leaves unknown input alone', () => {
    expect(complete('').candidates).not.toContain('.hidden');
    expect(complete('.h').value).toBe('.hidden');
    expect(complete('nothing')).toEqual({ value: 'nothing', candidates: [] });
    expect(complete('missing/dir/x')).toEqual({ value: 'missing/dir/x', candidates: [] });
  });
});
