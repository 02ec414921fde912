import { basename } from 'node:path';
import { z } from 'zod';
import { dnsServerProblem } from './dns-server.js';
import {
  clusterNameProblem,
  dnsNameProblem,
  looksLikeIpv4,
  networkProfileProblem,
} from './dns-name.js';

/**
 * The answers file: what the user decides, validated once at the edge.
 * Every message reads "what is wrong; how to fix"; errors.ts puts the field path in front.
 */

export const lbSizes = ['small', 'medium', 'large'] as const;
export type LbSize = (typeof lbSizes)[number];

export const pksClis = ['pks', 'tkgi'] as const;
export type PksCli = (typeof pksClis)[number];

/** PKS's own default when a network profile sets no `lb_size`. */
export const defaultLbSize: LbSize = 'small';
export const defaultReplicas = 3;
export const defaultChartRepo = 'https://releases.rancher.com/server-charts/stable';
export const caCertsFileName = 'cacerts.pem';

/** How a value looks in a message: strings quoted, everything else by its kind. */
export function describeValue(value: unknown): string {
  // Never more than a short line of it: the value may be a whole wrong file.
  if (typeof value === 'string')
    return value.length > 80 || value.includes('\n')
      ? `a text of ${value.length} characters`
      : JSON.stringify(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

export type Check = (value: string) => string | undefined;

/** A required, non-empty text field; `fix` says what to write when it is missing. */
export function requiredText(fix: string, ...checks: Check[]) {
  return z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? `is missing; ${fix}`
          : `must be text, not ${describeValue(issue.input)}; ${fix}`,
    })
    .trim()
    .min(1, { error: `is empty; ${fix}` })
    .superRefine((value, context) => {
      for (const check of checks) {
        const problem = check(value);
        if (problem) context.addIssue({ code: 'custom', message: problem });
      }
    });
}

function optionalText(what: string, ...checks: Check[]) {
  return requiredText(what, ...checks).optional();
}

/** `rancher.example.com.` is the same name, written absolute: keep it relative. */
export function withoutRootDot(name: string): string {
  return name.endsWith('.') && !name.endsWith('..') ? name.slice(0, -1) : name;
}

/**
 * DNS names are case-insensitive and may be written absolute (a trailing dot); Kubernetes
 * Ingress hosts and certificate SANs are lowercase and relative, so store them so.
 */
function hostname(fix: string, ...checks: Check[]) {
  return requiredText(fix)
    .toLowerCase()
    .transform(withoutRootDot)
    .superRefine((value, context) => {
      for (const check of [dnsNameProblem, ...checks]) {
        const problem = check(value);
        if (problem) {
          context.addIssue({ code: 'custom', message: problem });
          return;
        }
      }
    });
}

const notAnIpAddress: Check = (value) =>
  looksLikeIpv4(value)
    ? `${JSON.stringify(value)} is an IP address; Rancher needs a DNS name (the Ingress host and the certificate's SAN)`
    : undefined;

const namedCacertsPem: Check = (value) =>
  basename(value) === caCertsFileName
    ? undefined
    : `the CA file must be named ${caCertsFileName} (Rancher reads the secret key ${caCertsFileName}); rename or copy it`;

function oneOf<const T extends readonly [string, ...string[]]>(
  values: T,
  what: string,
  fix: string,
) {
  return z.enum(values, {
    error: (issue) => `${describeValue(issue.input)} is not ${what}; ${fix}`,
  });
}

export const pksShape = {
  cli: oneOf(
    pksClis,
    'a PKS CLI',
    'use pks or tkgi, or leave it out to use whichever is on PATH',
  ).optional(),
  plan: requiredText('add the PKS plan to build the cluster from (pks plans lists them)'),
  cluster: requiredText('add the name of the PKS cluster to create or use', clusterNameProblem),
  externalHostname: hostname(
    'add the DNS name of the cluster’s Kubernetes API (pks create-cluster -e)',
  ),
  networkProfile: optionalText(
    'name the network profile, or leave it out for lb-<lbSize>',
    networkProfileProblem,
  ),
  lbSize: oneOf(lbSizes, 'a load-balancer size', 'use small, medium or large').default(
    defaultLbSize,
  ),
  /** Workers other than the plan's (`create-cluster -n`); absent: the plan's count. */
  workers: z
    .number({
      error: (issue) =>
        `must be a whole number of worker nodes such as 3, not ${describeValue(issue.input)}; or leave it out for the plan's count`,
    })
    .int({ error: 'must be a whole number of worker nodes such as 3' })
    .min(1, { error: 'must be at least 1; use 3 or more for HA (one Rancher pod per worker)' })
    .optional(),
  /**
   * The PKS API's CA certificate (PEM). With OIDC, the cluster token is refreshed against
   * the PKS API; this makes that call (and helm's and kubectl's) trust it.
   */
  caCert: optionalText("give the path of the PKS API's CA certificate (PEM), or leave it out"),
};

export const rancherShape = {
  hostname: hostname('add the DNS name users will open Rancher at', notAnIpAddress),
  replicas: z
    .number({
      error: (issue) => `must be a whole number such as 3, not ${describeValue(issue.input)}`,
    })
    .int({ error: 'must be a whole number such as 3' })
    .min(1, { error: 'must be at least 1; use 3 for HA (one per worker)' })
    .default(defaultReplicas),
  chartRepo: z
    .url({
      protocol: /^https?$/,
      error: (issue) =>
        `${describeValue(issue.input)} is not an http(s) URL; use e.g. ${defaultChartRepo}`,
    })
    .default(defaultChartRepo),
  chartVersion: z
    .string({
      // YAML reads `2.8` as a number, which would silently become "2.8" or lose a trailing zero.
      error: (issue) =>
        typeof issue.input === 'number'
          ? `${issue.input} was read as a number; quote it: chartVersion: "${issue.input}"`
          : `must be text such as "2.9.3", not ${describeValue(issue.input)}; leave it empty for the newest that fits the cluster`,
    })
    .trim()
    .regex(/^\S*$/, {
      error:
        'must be a single chart version such as 2.9.3; leave it empty for the newest that fits the cluster',
    })
    .default(''),
};

export const tlsShape = {
  cert: requiredText(
    'add the path of the server certificate file (PEM, server first, then intermediates)',
  ),
  key: requiredText('add the path of the certificate’s private key file (PEM, not encrypted)'),
  caCerts: requiredText(
    `add the path of the CA certificate file, named ${caCertsFileName}`,
    namedCacertsPem,
  ),
};

export const ingressControllers = ['traefik', 'ingress-nginx'] as const;
export type IngressControllerName = (typeof ingressControllers)[number];
/**
 * Traefik is the maintained choice; ingress-nginx was retired upstream in March 2026 (no
 * more security fixes) and stays only for organisations that already run it.
 */
export const defaultIngressController: IngressControllerName = 'traefik';

export const ingressShape = {
  controller: oneOf(
    ingressControllers,
    'an ingress controller',
    'use traefik (recommended) or ingress-nginx (retired upstream in March 2026)',
  ).default(defaultIngressController),
  chartVersion: z
    .string({
      error: (issue) =>
        typeof issue.input === 'number'
          ? `${issue.input} was read as a number; quote it: chartVersion: "${issue.input}"`
          : `must be text such as "37.4.0", not ${describeValue(issue.input)}; leave it empty for the newest that fits the cluster`,
    })
    .trim()
    .regex(/^\S*$/, {
      error:
        'must be a single chart version such as 37.4.0; leave it empty for the newest that fits the cluster',
    })
    .default(''),
};

export const dnsShape = {
  servers: z
    .array(requiredText('write IP or IP:PORT', dnsServerProblem), {
      error: (issue) => `must be a list of IP or IP:PORT, not ${describeValue(issue.input)}`,
    })
    .default([]),
};

function section<T extends z.core.$ZodLooseShape>(shape: T, name: string, fix: string) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'invalid_type'
        ? issue.input === undefined
          ? `is missing; add a ${name} section with ${fix}`
          : `must be a mapping with ${fix}, not ${describeValue(issue.input)}`
        : undefined,
  });
}

const pksSection = section(pksShape, 'pks', 'plan, cluster and externalHostname').transform(
  (pks) => ({ ...pks, networkProfile: pks.networkProfile ?? `lb-${pks.lbSize}` }),
);

function bothHostnames(value: unknown): { api: string; rancher: string } | undefined {
  const answers = value as {
    pks?: { externalHostname?: unknown };
    rancher?: { hostname?: unknown };
  };
  const api = answers?.pks?.externalHostname;
  const rancher = answers?.rancher?.hostname;
  return typeof api === 'string' && typeof rancher === 'string' ? { api, rancher } : undefined;
}

function sameHostname(value: unknown): boolean {
  const names = bothHostnames(value);
  const same = (name: string) => withoutRootDot(name.trim().toLowerCase());
  return !!names && same(names.api) === same(names.rancher);
}

export const answersSchema = z
  .strictObject(
    {
      pks: pksSection,
      rancher: section(rancherShape, 'rancher', 'hostname'),
      tls: section(tlsShape, 'tls', 'cert, key and caCerts'),
      ingress: section(ingressShape, 'ingress', 'controller').prefault({}),
      dns: section(dnsShape, 'dns', 'servers').prefault({}),
    },
    {
      error: (issue) =>
        issue.code === 'invalid_type'
          ? `must be a mapping with the sections pks, rancher, tls, ingress and dns, not ${describeValue(issue.input)}`
          : undefined,
    },
  )
  .refine((answers) => !sameHostname(answers), {
    path: ['rancher', 'hostname'],
    error: (issue) =>
      `${describeValue(bothHostnames(issue.input)?.rancher)} is the same as pks.externalHostname, but they are two separate names ` +
      '(the Kubernetes API’s, on its own load balancer, and Rancher’s, behind the ingress); give Rancher its own name, e.g. rancher.example.com',
    // Checked even when other fields fail, so the user sees every problem in one go.
    when: (payload) => sameHostname(payload.value),
  });

/** The keys each section accepts, for "did you mean" hints on typos. */
export const knownKeys: Readonly<Record<string, readonly string[]>> = {
  '': ['pks', 'rancher', 'tls', 'ingress', 'dns'],
  pks: Object.keys(pksShape),
  rancher: Object.keys(rancherShape),
  tls: Object.keys(tlsShape),
  ingress: Object.keys(ingressShape),
  dns: Object.keys(dnsShape),
};

/** What the wizard or a file may hold (defaults not yet applied). */
export type AnswersInput = z.input<typeof answersSchema>;
/** The answers with defaults applied, before paths are resolved. */
export type Answers = z.output<typeof answersSchema>;
