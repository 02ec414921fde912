import { describe, expect, it } from 'vitest';
import { parseSet } from '../../../source/lab/helm/set-values.js';
import { coalesceValues } from '../../../source/lab/helm/values.js';

const set = (expr: string, stringOnly = false) => parseSet(expr, {}, stringOnly);

describe('--set parsing', () => {
  it('nests dotted keys and splits on commas', () => {
    expect(set('a.b=c,d=e')).toEqual({ a: { b: 'c' }, d: 'e' });
    expect(set('ingress.tls.source=secret')).toEqual({ ingress: { tls: { source: 'secret' } } });
  });

  it('types booleans, null and integers, but not floats or leading zeros', () => {
    expect(set('a=true,b=FALSE,c=null,d=3,e=0,f=1.5,g=007,h=-2')).toEqual({
      a: true,
      b: false,
      c: null,
      d: 3,
      e: 0,
      f: '1.5',
      g: '007',
      h: -2,
    });
  });

  it('keeps strings with --set-string', () => {
    expect(set('replicas=3,privateCA=true', true)).toEqual({ replicas: '3', privateCA: 'true' });
  });

  it('honours escapes', () => {
    expect(set('a=x\\,y')).toEqual({ a: 'x,y' });
    expect(set('annotations.nginx\\.ingress\\.kubernetes\\.io/proxy-body-size=0')).toEqual({
      annotations: { 'nginx.ingress.kubernetes.io/proxy-body-size': 0 },
    });
  });

  it('indexes lists and pads them with nulls', () => {
    expect(set('list[0]=x')).toEqual({ list: ['x'] });
    expect(set('list[2]=z')).toEqual({ list: [null, null, 'z'] });
    expect(set('env[0].name=A,env[0].value=1')).toEqual({ env: [{ name: 'A', value: 1 }] });
    expect(set('m[0][1]=q')).toEqual({ m: [[null, 'q']] });
  });

  it('reads {a,b} lists', () => {
    expect(set('hosts={a.example,b.example},n=1')).toEqual({
      hosts: ['a.example', 'b.example'],
      n: 1,
    });
  });

  it('accepts empty values and trailing commas', () => {
    expect(set('a=')).toEqual({ a: '' });
    expect(set('a=b,')).toEqual({ a: 'b' });
  });

  it('rejects keys without values and negative indexes, as helm words it', () => {
    expect(() => set('a')).toThrow('key "a" has no value');
    expect(() => set('a,b=c')).toThrow('key "a" has no value (cannot end with ,)');
    expect(() => set('a[-1]=x')).toThrow('negative -1 index not allowed');
  });

  it('merges into existing values, later sets winning', () => {
    const target = {};
    parseSet('a.b=1', target);
    parseSet('a.c=2,a.b=3', target);
    expect(target).toEqual({ a: { b: 3, c: 2 } });
  });

  it('null deletes a chart default when coalesced', () => {
    expect(coalesceValues({ a: 1, b: { c: 2, d: 3 } }, { a: null, b: { c: null } })).toEqual({
      b: { d: 3 },
    });
  });
});
