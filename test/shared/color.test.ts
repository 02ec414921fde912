import { describe, expect, it } from 'vitest';
import { colorWanted, settleColor, takeNoColorFlag } from '../../source/shared/color.js';

describe('colorWanted', () => {
  it('colours a terminal, not a pipe', () => {
    expect(colorWanted({}, true)).toBe(true);
    expect(colorWanted({}, false)).toBe(false);
  });

  it('NO_COLOR set and non-empty turns colour off (no-color.org); empty does not', () => {
    expect(colorWanted({ NO_COLOR: '1' }, true)).toBe(false);
    expect(colorWanted({ NO_COLOR: 'anything' }, true)).toBe(false);
    expect(colorWanted({ NO_COLOR: '' }, true)).toBe(true);
  });

  it('FORCE_COLOR wins over NO_COLOR and the terminal check, as in Node and chalk', () => {
    expect(colorWanted({ FORCE_COLOR: '1', NO_COLOR: '1' }, true)).toBe(true);
    expect(colorWanted({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colorWanted({ FORCE_COLOR: '' }, false)).toBe(true);
    expect(colorWanted({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colorWanted({ FORCE_COLOR: 'false' }, true)).toBe(false);
  });

  it('TERM=dumb has no colour', () => {
    expect(colorWanted({ TERM: 'dumb' }, true)).toBe(false);
  });
});

describe('settleColor', () => {
  it('writes NO_COLOR and --no-color as FORCE_COLOR=0, the only thing chalk reads', () => {
    const env: NodeJS.ProcessEnv = { NO_COLOR: '1' };
    settleColor(env, false);
    expect(env.FORCE_COLOR).toBe('0');
    const flagged: NodeJS.ProcessEnv = { FORCE_COLOR: '3' };
    settleColor(flagged, true);
    expect(flagged.FORCE_COLOR).toBe('0');
  });

  it('leaves FORCE_COLOR alone when set, and the environment alone without a wish', () => {
    const forced: NodeJS.ProcessEnv = { NO_COLOR: '1', FORCE_COLOR: '1' };
    settleColor(forced, false);
    expect(forced.FORCE_COLOR).toBe('1');
    const plain: NodeJS.ProcessEnv = { NO_COLOR: '' };
    settleColor(plain, false);
    expect(plain.FORCE_COLOR).toBeUndefined();
  });
});

describe('takeNoColorFlag', () => {
  it('takes --no-color from anywhere before --', () => {
    expect(takeNoColorFlag(['install', '--no-color', '--yes'])).toEqual({
      argv: ['install', '--yes'],
      noColor: true,
    });
    expect(takeNoColorFlag(['--no-color'])).toEqual({ argv: [], noColor: true });
    expect(takeNoColorFlag(['lab', 'up', '--', '--no-color'])).toEqual({
      argv: ['lab', 'up', '--', '--no-color'],
      noColor: false,
    });
  });
});
