import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { parseAnswers } from '../../../source/config/load-answers.js';
import type { SessionSummary } from '../../../source/session/session-store.js';
import { ResumePrompt } from '../../../source/ui/resume/ResumePrompt.js';
import { SummaryScreen } from '../../../source/ui/summary/SummaryScreen.js';
import { summaryModel } from '../../../source/engine/summary.js';
import { press, send } from '../wizard/wizard-fixtures.js';

const down = '\u001B[B';

const session = (id: string, stageReached: string): SessionSummary => ({
  id,
  cluster: 'czpksrancher05',
  hostname: 'czrancherblog.sovsystems.com',
  stageReached,
  plan: 'install',
  status: 'interrupted',
  createdAt: '2026-11-28T09:00:00Z',
  updatedAt: '2026-11-28T09:10:00Z',
});

describe('ResumePrompt', () => {
  const latest = session('20261128-091000-czpksrancher05', 'ingress');
  const older = session('20261127-080000-czpksrancher05', 'cluster');

  it('asks to resume the latest unfinished session, naming the stage', async () => {
    const onChoice = vi.fn();
    const app = render(
      <ResumePrompt latest={latest} sessions={[latest, older]} onChoice={onChoice} />,
    );
    const frame = app.lastFrame()!.replace(/\s+/g, ' ');
    expect(frame).toContain(
      'Resume install of czpksrancher05 / hostname czrancherblog.sovsystems.com,',
    );
    expect(frame).toContain('stopped at stage 4 (Ingress)?');
    await send(app, '\r');
    expect(onChoice).toHaveBeenCalledWith({ kind: 'resume', id: latest.id });
  });

  it('starts over', async () => {
    const onChoice = vi.fn();
    const app = render(<ResumePrompt latest={latest} sessions={[latest]} onChoice={onChoice} />);
    await press(app, down);
    await send(app, '\r');
    expect(onChoice).toHaveBeenCalledWith({ kind: 'start-over' });
  });

  it('picks another session', async () => {
    const onChoice = vi.fn();
    const app = render(
      <ResumePrompt latest={latest} sessions={[latest, older]} onChoice={onChoice} />,
    );
    await press(app, down + down, '\r'); // two arrows in one chunk move two rows
    expect(app.lastFrame()).toContain('Which session?');
    expect(app.lastFrame()).toContain('stopped at stage 1 (PKS cluster)');
    await press(app, down);
    await send(app, '\r');
    expect(onChoice).toHaveBeenCalledWith({ kind: 'resume', id: older.id });
  });
});

describe('SummaryScreen', () => {
  const config = parseAnswers(
    {
      pks: {
        plan: 'rancher',
        cluster: 'czpksrancher05',
        externalHostname: 'czpksrancher05.sovsystems.com',
      },
      rancher: { hostname: 'czrancherblog.sovsystems.com' },
      tls: { cert: 'a.cer', key: 'a.key', caCerts: 'cacerts.pem' },
    },
    '/srv',
    {},
  );
  const model = summaryModel(
    config,
    {
      haSpread: [
        { pod: 'rancher-1', node: 'node-a' },
        { pod: 'rancher-2', node: 'node-b' },
        { pod: 'rancher-3', node: 'node-c' },
      ],
      drsCommand: 'bosh -d service-instance_x vms',
      masterIp: '10.0.0.5',
      vip: '10.40.14.9',
      rancherChartVersion: '2.12.5',
      ingressChartVersion: '41.3.0',
    },
    '/home/me/.config/rancher-pks-tui-nodejs/sessions/s.transcript.log',
  );

  it('shows the URL, the password command, the HA spread, DRS, NSX-T and the transcript', () => {
    const { lastFrame } = render(<SummaryScreen model={model} onExit={() => {}} />);
    const frame = lastFrame()!;
    expect(frame).toContain('Rancher is up: https://czrancherblog.sovsystems.com');
    expect(frame).toContain('bootstrap-secret');
    expect(frame).toContain('rancher-2 → node-b');
    expect(frame).toContain('bosh -d service-instance_x vms');
    expect(frame).toContain('pod IP block');
    expect(frame).toContain('s.transcript.log');
  });

  it('shows the VIP, both DNS records and both charts with their versions', () => {
    const { lastFrame } = render(<SummaryScreen model={model} onExit={() => {}} />);
    const frame = lastFrame()!;
    expect(frame).toMatch(/NSX-T VIP\s+10\.40\.14\.9/);
    expect(frame).toContain('czpksrancher05.sovsystems.com.  IN  A  10.0.0.5');
    expect(frame).toContain('czrancherblog.sovsystems.com.  IN  A  10.40.14.9');
    expect(frame).toContain('rancher-stable/rancher 2.12.5');
    expect(frame).toContain('traefik/traefik 41.3.0');
    expect(frame).toContain('Next steps');
  });

  it('exits on a key', async () => {
    const onExit = vi.fn();
    const app = render(<SummaryScreen model={model} onExit={onExit} />);
    await send(app, 'q');
    expect(onExit).toHaveBeenCalled();
  });
});
