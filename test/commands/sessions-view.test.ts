import { describe, expect, it } from 'vitest';
import { sessionsJson, sessionsTable } from '../../source/commands/sessions-view.js';
import type { SessionSummary } from '../../source/session/session-store.js';

const now = Date.parse('2026-11-30T09:00:00.000Z');
const sessions: SessionSummary[] = [
  {
    id: '20261130-085700-czpksrancher05',
    plan: 'install',
    cluster: 'czpksrancher05',
    hostname: 'rancher.example.test',
    stageReached: 'ingress',
    status: 'interrupted',
    createdAt: '2026-11-30T08:57:00.000Z',
    updatedAt: '2026-11-30T08:57:00.000Z',
  },
  {
    id: '20261128-090000-demo',
    plan: 'install',
    demo: true,
    status: 'failed',
    createdAt: '2026-11-28T09:00:00.000Z',
    updatedAt: '2026-11-28T09:00:00.000Z',
  },
];

describe('sessions', () => {
  it('shows how long ago each session changed, not its ISO time', () => {
    const [header, first, second] = sessionsTable(sessions, now);
    expect(header).toMatch(/^ID +PLAN +CLUSTER +HOSTNAME +STAGE +STATUS +UPDATED$/);
    expect(first).toMatch(
      /czpksrancher05 +rancher\.example\.test +ingress +interrupted +3 min ago$/,
    );
    expect(second).toMatch(/install \(demo\) +- +- +- +failed +2 days ago$/);
  });

  it('gives scripts every field, null where unknown, and the command that resumes each', () => {
    const [real, demo] = sessionsJson(sessions);
    expect(real).toEqual({
      id: '20261130-085700-czpksrancher05',
      plan: 'install',
      demo: false,
      cluster: 'czpksrancher05',
      hostname: 'rancher.example.test',
      state: 'interrupted',
      stage: 'ingress',
      updatedAt: '2026-11-30T08:57:00.000Z',
      resume: expect.stringMatching(/ resume 20261130-085700-czpksrancher05$/),
    });
    expect(demo).toMatchObject({ demo: true, cluster: null, hostname: null, stage: null });
    expect(demo!.resume).toMatch(/ resume 20261128-090000-demo --demo$/);
  });
});
