import { render } from 'ink-testing-library';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAnswers } from '../../source/config/load-answers.js';
import { fail, pass } from '../../source/checks/check.js';
import { preflightReport } from '../../source/checks/preflight-report.js';
import { bootstrapPasswordCommand, summaryModel } from '../../source/engine/summary.js';
import { PreflightScreen } from '../../source/ui/preflight/PreflightScreen.js';
import type { ServiceRow } from '../../source/ui/panels/cluster-snapshot.js';
import { PodsPanel } from '../../source/ui/panels/PodsPanel.js';
import { ServicesPanel } from '../../source/ui/panels/ServicesPanel.js';
import { RunScreen } from '../../source/ui/run/RunScreen.js';
import { SummaryScreen } from '../../source/ui/summary/SummaryScreen.js';
import { renderSized } from './run/render-sized.js';
import { ingressWaitingForDns } from './run/screen-fixtures.js';
import { renderWizard } from './wizard/render-wizard.js';
import {
  apiHost,
  editReviewLine,
  rancherHost,
  waitForText,
  writeCertFiles,
  type CertFiles,
} from './wizard/wizard-fixtures.js';

// What a person sees on an 80-column terminal: nothing they must act on is cut, labels
// do not break, and what is meant to be copied stands whole on lines of its own.

const linesOf = (frame: string | undefined) => stripVTControlCharacters(frame ?? '').split('\n');
const tooWide = (frame: string | undefined, columns: number) =>
  linesOf(frame).filter((line) => line.length > columns);

describe('the wizard at 80 columns', () => {
  let certs: CertFiles;
  beforeAll(async () => {
    certs = await writeCertFiles();
  });
  afterAll(() => certs.cleanup());

  const answers = () => ({
    pks: {
      plan: 'rancher',
      cluster: 'czpksrancher05',
      externalHostname: apiHost,
      lbSize: 'medium' as const,
    },
    rancher: { hostname: rancherHost },
    tls: { cert: certs.cert, key: certs.key, caCerts: certs.caCerts },
  });

  it('stacks the certificate step: each label whole with its colon, the path whole under it', async () => {
    const app = renderWizard({ initial: answers(), startAt: 'review', baseDir: certs.dir }, 80);
    await waitForText(app.lastFrame, 'Start the install');
    await editReviewLine(app, 'Certificate');
    const frame = await waitForText(app.lastFrame, '› Certificate');
    const lines = linesOf(frame);
    // Focused, the colon stays (it used to vanish), and the label is one line: no mid-word split.
    expect(lines).toContain('› Certificate (server first, then intermediates):');
    expect(lines).toContain('  Private key (PEM, no passphrase):');
    expect(lines).toContain('  CA certificate (named cacerts.pem):');
    // Each path on the line under its label, indented, whole (the key and CA: unfocused).
    expect(lines).toContain(`    ${certs.key}`);
    expect(lines).toContain(`    ${certs.caCerts}`);
    expect(lines.some((l) => l.startsWith(`    ${certs.cert}`))).toBe(true);
    expect(tooWide(frame, 80)).toEqual([]);
  });

  it('keeps the same step side by side at 100 columns, values lined up', async () => {
    const app = renderWizard({ initial: answers(), startAt: 'review', baseDir: certs.dir }, 100);
    await waitForText(app.lastFrame, 'Start the install');
    await editReviewLine(app, 'Certificate');
    const frame = await waitForText(app.lastFrame, '› Certificate');
    const key = linesOf(frame).find((l) => l.startsWith('  Private key'))!;
    const ca = linesOf(frame).find((l) => l.startsWith('  CA certificate'))!;
    expect(key).toMatch(/^ {2}Private key \(PEM, no passphrase\): +\//);
    expect(key.indexOf('/')).toBe(ca.indexOf('/'));
    expect(tooWide(frame, 100)).toEqual([]);
  });

  it('fits the review in 80 columns with every answer beside its label', async () => {
    const app = renderWizard({ initial: answers(), startAt: 'review', baseDir: certs.dir }, 80);
    const frame = await waitForText(app.lastFrame, 'Start the install');
    expect(linesOf(frame)).toContain(`    Rancher hostname    ${rancherHost}`);
    expect(tooWide(frame, 80)).toEqual([]);
  });
});

describe('the preflight screen at 80 columns', () => {
  it('puts each message in a column beside the ids: wrapped lines start under it, not at column 0', () => {
    // Drawn at 80 columns from the start, as a terminal that size would.
    const frame = renderSized(
      <PreflightScreen
        report={preflightReport([
          pass('tools.pks', 'pks 1.20.0'),
          pass(
            'tls.pem',
            'PEM files of the right kind: the certificate file: 1 certificate, the key file: a private key, cacerts.pem: 1 certificate',
          ),
          fail(
            'pks.plan-privileged',
            'plan dev-small does not allow privileged containers',
            'use a plan with "Allow Privileged" set (Rancher’s agent pods need it)',
          ),
        ])}
        onContinue={() => {}}
        onBack={() => {}}
      />,
      80,
      24,
    );
    const lines = linesOf(frame);
    const column = 2 + 'pks.plan-privileged'.length + 2;
    const pem = lines.findIndex((l) => l.startsWith('✓ tls.pem'));
    expect(lines[pem]!.indexOf('PEM')).toBe(column);
    // The message's next line starts in its column, with a word (no stray space).
    expect(lines[pem + 1]).toMatch(new RegExp(`^ {${column}}\\S`));
    expect(lines.find((l) => l.includes('→ use a plan'))!.indexOf('→')).toBe(column);
    expect(tooWide(frame, 80)).toEqual([]);
  });
});

describe('the live panels at 80 columns', () => {
  // The two services ingress-nginx makes: their names differ only at the end.
  const services: ServiceRow[] = [
    {
      name: 'ingress-nginx-controller',
      type: 'LoadBalancer',
      clusterIp: '10.100.200.17',
      externalIps: '127.146.1.123',
      ports: '80:31234/TCP,443:31443/TCP',
      endpoints: ['10.200.1.7:443', '10.200.2.7:443', '10.200.3.7:443', '10.200.4.7:443'],
    },
    {
      name: 'ingress-nginx-controller-admission',
      type: 'ClusterIP',
      clusterIp: '10.100.200.18',
      externalIps: '<none>',
      ports: '443/TCP',
      endpoints: ['10.200.1.7:8443', '10.200.2.7:8443', '10.200.3.7:8443'],
    },
  ];

  it.each([80, 60, 50])('services at %i: the VIP whole, the two names told apart', (width) => {
    const { lastFrame } = render(
      <ServicesPanel namespace="ingress-nginx" services={services} width={width} maxLines={6} />,
    );
    const lines = linesOf(lastFrame());
    expect(lastFrame()).toContain('127.146.1.123');
    expect(lastFrame()).not.toContain('127.146.1.…');
    const names = lines.slice(2, 4).map((l) => l.split(/\s+/)[0]);
    expect(names[0]).not.toBe(names[1]);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
  });

  it('pods at 100: the IP whole or not there, never `1…`', () => {
    const pods = ['564d9', '5g7tq', '7t7nd'].map((id, i) => ({
      name: `rancher-666f98cd97-${id}`,
      ready: '1/1',
      status: 'Running',
      restarts: 0,
      ip: `10.200.${i}.15`,
      node: `7f67d03e-f76a-4af0-98bf-272b7c00${i}ab6`,
      createdAt: 0,
      app: 'rancher',
    }));
    for (const width of [80, 100, 140]) {
      const frame = render(
        <PodsPanel namespace="cattle-system" pods={pods} now={60_000} width={width} maxLines={6} />,
      ).lastFrame()!;
      expect(frame, `width ${width}`).not.toMatch(/\s1…/);
      expect(frame).toContain('rancher-666f98cd97-564d9');
      for (const line of linesOf(frame)) expect(line.length).toBeLessThanOrEqual(width);
    }
  });
});

describe('copyable text at 80 columns', () => {
  it('the manual DNS box: the zone line whole, under the box, on a line with no border', () => {
    const { lastFrame } = render(
      <RunScreen
        state={ingressWaitingForDns()}
        columns={80}
        rows={24}
        transcriptPath="/tmp/t.log"
        onRetry={() => {}}
        onQuit={() => {}}
      />,
    );
    const lines = linesOf(lastFrame());
    expect(lines).toContain('rancher.example.com.  IN  A  10.40.14.5');
    // The title says the VIP too, whole (it wraps rather than being cut).
    expect(lastFrame()).toMatch(/A record rancher\.example\.com → 10\.40\.14\.5/);
    expect(lines.filter((l) => l.includes('│') && l.includes('IN  A'))).toEqual([]);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('the summary: each command whole on a line of its own, outside the box', () => {
    const config = parseAnswers(
      {
        pks: { plan: 'rancher', cluster: 'czpksrancher05', externalHostname: apiHost },
        rancher: { hostname: rancherHost },
        tls: { cert: 'a.cer', key: 'a.key', caCerts: 'cacerts.pem' },
      },
      '/srv',
      {},
    );
    const model = summaryModel(
      config,
      {
        vip: '127.146.1.123',
        masterIp: '127.146.0.10',
        haSpread: [
          { pod: 'rancher-666f98cd97-564d9', node: '7f67d03e-f76a-4af0-98bf-272b7c004ab6' },
        ],
        drsCommand: 'bosh -d service-instance_563dd9c5-dd0f-4e8c-8964-7082f22e93dd vms',
      },
      '/home/me/.config/rancher-pks-tui-nodejs/sessions/20261201-182943-czpksrancher05.transcript.log',
    );
    // Written once (<Static>) at the width of the moment: render it at 80 from the start.
    const lines = linesOf(renderSized(<SummaryScreen model={model} onExit={() => {}} />, 80, 24));
    const commands = model.nextSteps.flatMap((step) => (step.command ? [step.command] : []));
    expect(commands).toEqual([
      bootstrapPasswordCommand,
      'bosh -d service-instance_563dd9c5-dd0f-4e8c-8964-7082f22e93dd vms',
    ]);
    const copyable = [
      ...commands,
      `${rancherHost}.  IN  A  127.146.1.123  ; Rancher, via the NSX-T VIP`,
      `${apiHost}.  IN  A  127.146.0.10  ; Kubernetes API`,
      model.transcriptPath,
    ];
    // Whole, each a line of its own (the terminal soft-wraps the longer ones: one line to copy).
    for (const text of copyable) expect(lines).toContain(text);
    expect(bootstrapPasswordCommand.length).toBeGreaterThan(80);
    // Everything else fits the terminal.
    const rest = lines.filter((l) => !copyable.includes(l));
    expect(rest.filter((l) => l.length > 80)).toEqual([]);
    expect(rest.some((l) => l.includes('│'))).toBe(true); // the facts keep their box
    // Last, so a short terminal keeps it in view: the URL, whole.
    expect(lines.at(-2)).toBe(`✓ Rancher is up: https://${rancherHost}`);
  });
});
