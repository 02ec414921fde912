import { describe, expect, it } from 'vitest';
import { checkAnswers } from '../../../source/ui/wizard/check-answers.js';
import { reviewLines } from '../../../source/ui/wizard/review-lines.js';
import { marksOf, problemMarks, unplacedMarks } from '../../../source/ui/wizard/review-marks.js';

describe('review lines', () => {
  it('lists every answer with its prompt, defaults spelled out', () => {
    const lines = reviewLines({ pks: { plan: 'rancher' } }, false);
    expect(lines.map((line) => line.label)).toEqual([
      'PKS plan',
      'Load balancer',
      'Ingress controller',
      'Cluster',
      'API hostname',
      'Rancher hostname',
      'Certificate',
      'Private key',
      'CA file',
      'Replicas',
      'Chart version',
      'Bootstrap password',
    ]);
    expect(lines[1]?.value).toBe('small, network profile lb-small');
    expect(lines[2]?.value).toBe('traefik, chart newest that fits');
    expect(lines[3]?.value).toBe('(not answered)');
    expect(lines[10]?.value).toBe('newest that fits');
    expect(lines[11]?.value).toMatch(/Rancher generates one/);
    expect(reviewLines({}, true)[11]?.value).toBe('set (hidden)');
    expect(reviewLines({ ingress: { controller: 'ingress-nginx' } }, false)[2]?.value).toBe(
      'ingress-nginx (retired upstream in March 2026), chart newest that fits',
    );
  });

  it('puts each schema problem under its line', () => {
    const result = checkAnswers(
      {
        pks: { plan: 'p', cluster: 'c', externalHostname: 'api.example.com' },
        rancher: { hostname: 'api.example.com' },
      },
      '/tmp',
      {},
    );
    expect(result.ok).toBe(false);
    const problems = problemMarks(result.ok ? [] : result.problems);
    const lines = reviewLines({}, false);
    const hostname = lines.find((line) => line.label === 'Rancher hostname');
    expect(hostname && marksOf(hostname, problems).map((mark) => mark.text)).toEqual([
      expect.stringMatching(/two separate names/),
    ]);
    expect(unplacedMarks(lines, problems).map((mark) => mark.text)).toEqual([
      expect.stringMatching(/^tls: is missing/),
    ]);
  });
});
