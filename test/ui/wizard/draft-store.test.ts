import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DraftStore } from '../../../source/ui/wizard/draft-store.js';
import { modeOf, tempHome } from '../../session/temp-home.js';

describe('DraftStore', () => {
  let home: ReturnType<typeof tempHome>;
  afterEach(() => home.cleanup());

  it('writes <home>/wizard-draft.json, 0600, and reads it back', () => {
    home = tempHome();
    const store = DraftStore.fromEnv(home.env);
    store.save({ pks: { plan: 'rancher', lbSize: 'medium' }, rancher: { replicas: 3 } });
    expect(store.file).toBe(join(home.home, 'wizard-draft.json'));
    expect(modeOf(statSync(store.file))).toBe(0o600);
    expect(store.load()).toEqual({
      pks: { plan: 'rancher', lbSize: 'medium' },
      rancher: { replicas: 3 },
    });
  });

  it('never writes a password, even one smuggled into the answers', () => {
    home = tempHome();
    const store = DraftStore.fromEnv(home.env);
    const answers = { rancher: { hostname: 'r.example.com', bootstrapPassword: 'hunter2' } };
    store.save(answers as never);
    const text = readFileSync(store.file, 'utf8');
    expect(text).not.toContain('hunter2');
    expect(text).not.toMatch(/password/i);
  });

  it('treats a missing or damaged draft as none, and clears', () => {
    home = tempHome();
    const store = DraftStore.fromEnv(home.env);
    expect(store.load()).toBeUndefined();
    store.save({ pks: { plan: 'x' } });
    writeFileSync(store.file, '{ not json');
    expect(store.load()).toBeUndefined();
    store.clear();
    expect(store.load()).toBeUndefined();
  });
});
