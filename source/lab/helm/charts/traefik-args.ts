import type { Values } from '../set-values.js';
import { isValuesMap, truthy, valueAt } from '../values.js';
import { TemplateError } from './chart.js';

/**
 * The Traefik command line the chart's `traefik.podTemplate` renders
 * (traefik/traefik-helm-chart `traefik/templates/_podtemplate.tpl` at v37.3.0-v41.3.0), for
 * the values the lab simulates: entry points, ping, API, Prometheus metrics, the
 * kubernetesCRD and kubernetesIngress providers, each port's redirect, TLS, middlewares,
 * forwarded headers, PROXY protocol and transport, the log level and additionalArguments.
 * Tracing, access logs, OTLP, plugins, Hub, Gateway and the other providers are not
 * rendered (their defaults add nothing). Checked against `helm template` at each version.
 */
export interface ArgsInput {
  values: Values;
  /** The chart's major version: 39 moved each port's http options under `http`. */
  major: number;
  /** `namespace/fullname` of the Service the chart makes. */
  publishedService: string;
  /** Where `fail` in the port loop reports from, as helm prints it. */
  failLocation: (site: FailSite) => string;
}

/** The pod template's `fail` calls the lab simulates. */
export type FailSite = 'redirectTo' | 'redirectTarget' | 'redirectScheme';

type Port = Values;

function fail(location: string, message: string): never {
  throw new TemplateError(`execution error at (${location}): ${message}`);
}

/** Go template `{{ x }}` of a YAML scalar. */
function text(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** `if and (ne .x nil) (toString .x)`: set, and not the empty string. */
function given(v: unknown): boolean {
  return v !== null && v !== undefined && text(v) !== '';
}

function sortedPorts(values: Values): [string, Port][] {
  const ports = (valueAt(values, 'ports') as Values | undefined) ?? {};
  return Object.keys(ports)
    .sort()
    .filter((name) => truthy(ports[name]))
    .map((name) => [name, ports[name] as Port]);
}

function globalArgs(v: (p: string) => unknown): string[] {
  const args: string[] = [];
  if (isValuesMap(v('global'))) {
    if (!truthy(v('global.checkNewVersion'))) args.push('--global.checkNewVersion=false');
    if (truthy(v('global.sendAnonymousUsage'))) args.push('--global.sendAnonymousUsage');
  }
  return args;
}

function entryPointAddresses(values: Values): string[] {
  const args: string[] = [];
  for (const [name, port] of sortedPorts(values)) {
    const protocol = String(truthy(port.protocol) ? port.protocol : 'tcp').toLowerCase();
    const host = truthy(port.hostIP) ? text(port.hostIP) : '';
    args.push(`--entryPoints.${name}.address=${host}:${text(port.port)}/${protocol}`);
    if (truthy(port.asDefault))
      args.push(`--entryPoints.${name}.asDefault=${text(port.asDefault)}`);
  }
  return args;
}

function metricsArgs(v: (p: string) => unknown): string[] {
  if (!truthy(v('metrics')) || !truthy(v('metrics.prometheus'))) return [];
  const args: string[] = [];
  if (truthy(v('metrics.addInternals'))) args.push('--metrics.addinternals');
  args.push(
    '--metrics.prometheus=true',
    `--metrics.prometheus.entrypoint=${text(v('metrics.prometheus.entryPoint'))}`,
  );
  return args;
}

function crdProviderArgs(v: (p: string) => unknown): string[] {
  if (!truthy(v('providers.kubernetesCRD.enabled'))) return [];
  const c = (p: string) => v(`providers.kubernetesCRD.${p}`);
  const args = ['--providers.kubernetescrd'];
  if (truthy(c('labelSelector')))
    args.push(`--providers.kubernetescrd.labelSelector=${text(c('labelSelector'))}`);
  if (truthy(c('ingressClass')))
    args.push(`--providers.kubernetescrd.ingressClass=${text(c('ingressClass'))}`);
  if (truthy(c('allowCrossNamespace')))
    args.push('--providers.kubernetescrd.allowCrossNamespace=true');
  if (truthy(c('allowExternalNameServices')))
    args.push('--providers.kubernetescrd.allowExternalNameServices=true');
  if (c('allowEmptyServices') !== null && c('allowEmptyServices') !== undefined)
    args.push(`--providers.kubernetescrd.allowEmptyServices=${text(c('allowEmptyServices'))}`);
  return args;
}

function ingressProviderArgs(v: (p: string) => unknown, publishedService: string): string[] {
  if (!truthy(v('providers.kubernetesIngress.enabled'))) return [];
  const i = (p: string) => v(`providers.kubernetesIngress.${p}`);
  const args = ['--providers.kubernetesingress'];
  if (truthy(i('allowExternalNameServices')))
    args.push('--providers.kubernetesingress.allowExternalNameServices=true');
  if (i('allowEmptyServices') !== null && i('allowEmptyServices') !== undefined)
    args.push(`--providers.kubernetesingress.allowEmptyServices=${text(i('allowEmptyServices'))}`);
  const published = truthy(i('publishedService.enabled'));
  if (published && (truthy(v('service.enabled')) || truthy(i('publishedService.pathOverride'))))
    args.push(`--providers.kubernetesingress.ingressendpoint.publishedservice=${publishedService}`);
  if (truthy(i('labelSelector')))
    args.push(`--providers.kubernetesingress.labelSelector=${text(i('labelSelector'))}`);
  if (truthy(i('ingressClass')))
    args.push(`--providers.kubernetesingress.ingressClass=${text(i('ingressClass'))}`);
  if (truthy(i('nativeLBByDefault')))
    args.push('--providers.kubernetesingress.nativeLBByDefault=true');
  if (truthy(i('strictPrefixMatching')))
    args.push('--providers.kubernetesingress.strictPrefixMatching=true');
  return args;
}

function namespaceArgs(v: (p: string) => unknown): string[] {
  const args: string[] = [];
  const crd = v('providers.kubernetesCRD.namespaces');
  if (truthy(v('providers.kubernetesCRD.enabled')) && Array.isArray(crd) && crd.length)
    args.push(`--providers.kubernetescrd.namespaces=${crd.join(',')}`);
  const ing = v('providers.kubernetesIngress.namespaces');
  if (truthy(v('providers.kubernetesIngress.enabled')) && Array.isArray(ing) && ing.length)
    args.push(`--providers.kubernetesingress.namespaces=${ing.join(',')}`);
  return args;
}

/** The entry point redirect: `redirections.entryPoint` (34-38) or `http.redirections.entryPoint` (39+). */
function redirectArgs(input: ArgsInput, name: string, redirect: Values): string[] {
  const ports = valueAt(input.values, 'ports') as Values;
  const to = redirect.to;
  if (typeof to !== 'string' || !(to in ports))
    fail(
      input.failLocation('redirectTarget'),
      `ERROR: Cannot redirect ${name} to ${to === undefined || to === null ? '<no value>' : text(to)}: entryPoint not found`,
    );
  const target = (ports[to] ?? {}) as Values;
  const tlsPath = input.major >= 39 ? 'http.tls.enabled' : 'tls.enabled';
  if (truthy(valueAt(target, tlsPath)) && truthy(redirect.scheme) && redirect.scheme !== 'https')
    fail(
      input.failLocation('redirectScheme'),
      `ERROR: Cannot redirect ${name} to ${to} without setting scheme to https`,
    );
  const flag = `--entryPoints.${name}.http.redirections.entryPoint`;
  const args = [`${flag}.to=:${text(target.exposedPort)}`];
  if (truthy(redirect.scheme)) args.push(`${flag}.scheme=${text(redirect.scheme)}`);
  if (truthy(redirect.priority)) args.push(`${flag}.priority=${text(redirect.priority)}`);
  if ('permanent' in redirect) args.push(`${flag}.permanent=${text(redirect.permanent)}`);
  return args;
}

function tlsArgs(name: string, tls: unknown): string[] {
  if (!isValuesMap(tls) || !truthy(tls.enabled)) return [];
  const flag = `--entryPoints.${name}.http.tls`;
  const args = [`${flag}=true`];
  if (truthy(tls.options)) args.push(`${flag}.options=${text(tls.options)}`);
  if (truthy(tls.certResolver)) args.push(`${flag}.certResolver=${text(tls.certResolver)}`);
  const domains = Array.isArray(tls.domains) ? (tls.domains as Values[]) : [];
  domains.forEach((d, i) => {
    if (truthy(d.main)) args.push(`${flag}.domains[${i}].main=${text(d.main)}`);
    if (Array.isArray(d.sans) && d.sans.length)
      args.push(`${flag}.domains[${i}].sans=${d.sans.join(',')}`);
  });
  return args;
}

function http3Args(name: string, port: Port): string[] {
  const h3 = port.http3;
  if (!isValuesMap(h3) || !truthy(h3.enabled)) return [];
  const args = [`--entryPoints.${name}.http3`];
  if (truthy(h3.advertisedPort))
    args.push(`--entryPoints.${name}.http3.advertisedPort=${text(h3.advertisedPort)}`);
  return args;
}

/** The `http` options of one port, in each line's layout and order. */
function httpArgs(input: ArgsInput, name: string, port: Port): string[] {
  const middlewares = (list: unknown) =>
    Array.isArray(list) && list.length
      ? [`--entryPoints.${name}.http.middlewares=${list.join(',')}`]
      : [];
  if (input.major >= 39) {
    const http = isValuesMap(port.http) ? port.http : {};
    const redirect = valueAt(http, 'redirections.entryPoint');
    return [
      ...middlewares(http.middlewares),
      ...(truthy(redirect) ? redirectArgs(input, name, redirect as Values) : []),
      ...tlsArgs(name, http.tls),
      ...http3Args(name, port),
    ];
  }
  // Charts 34-37 stop on the syntax 34.0 removed; 38's schema rejects it before rendering.
  if (input.major <= 37 && truthy(port.redirectTo))
    fail(
      input.failLocation('redirectTo'),
      'ERROR: redirectTo syntax has been removed in v34 of this Chart. See Release notes or EXAMPLES.md for new syntax.',
    );
  const redirect = valueAt(port, 'redirections.entryPoint');
  return [
    ...(truthy(valueAt(port, 'redirections')) && truthy(redirect)
      ? redirectArgs(input, name, redirect as Values)
      : []),
    ...middlewares(port.middlewares),
    ...tlsArgs(name, port.tls),
    ...http3Args(name, port),
  ];
}

function peerArgs(name: string, port: Port, key: 'forwardedHeaders' | 'proxyProtocol'): string[] {
  const c = port[key];
  if (!isValuesMap(c)) return [];
  const args: string[] = [];
  if (Array.isArray(c.trustedIPs) && c.trustedIPs.length)
    args.push(`--entryPoints.${name}.${key}.trustedIPs=${c.trustedIPs.join(',')}`);
  if (truthy(c.insecure)) args.push(`--entryPoints.${name}.${key}.insecure`);
  return args;
}

function transportArgs(name: string, port: Port): string[] {
  const t = port.transport;
  if (!isValuesMap(t)) return [];
  const flag = `--entryPoints.${name}.transport`;
  const args: string[] = [];
  const timeouts = isValuesMap(t.respondingTimeouts) ? t.respondingTimeouts : {};
  for (const k of ['readTimeout', 'writeTimeout', 'idleTimeout']) {
    if (given(timeouts[k])) args.push(`${flag}.respondingTimeouts.${k}=${text(timeouts[k])}`);
  }
  const life = isValuesMap(t.lifeCycle) ? t.lifeCycle : {};
  for (const k of ['requestAcceptGraceTimeout', 'graceTimeOut']) {
    if (given(life[k])) args.push(`${flag}.lifeCycle.${k}=${text(life[k])}`);
  }
  for (const k of ['keepAliveMaxRequests', 'keepAliveMaxTime']) {
    if (given(t[k])) args.push(`${flag}.${k}=${text(t[k])}`);
  }
  return args;
}

function portArgs(input: ArgsInput): string[] {
  return sortedPorts(input.values).flatMap(([name, port]) => [
    ...httpArgs(input, name, port),
    ...(truthy(port.allowACMEByPass) ? [`--entryPoints.${name}.allowACMEByPass=true`] : []),
    ...peerArgs(name, port, 'forwardedHeaders'),
    ...peerArgs(name, port, 'proxyProtocol'),
    ...transportArgs(name, port),
  ]);
}

/** `logs.general` up to chart 40, `log` from 41. */
function logArgs(v: (p: string) => unknown, major: number): string[] {
  const prefix = major >= 41 ? 'log' : 'logs.general';
  const args: string[] = [];
  const format = v(`${prefix}.format`);
  if (truthy(format)) args.push(`--log.format=${text(format)}`);
  if (truthy(v(`${prefix}.filePath`))) args.push(`--log.filePath=${text(v(`${prefix}.filePath`))}`);
  if ((format === 'common' || !truthy(format)) && v(`${prefix}.noColor`) === true)
    args.push('--log.noColor=true');
  if (truthy(v(`${prefix}.level`)))
    args.push(`--log.level=${text(v(`${prefix}.level`)).toUpperCase()}`);
  return args;
}

export function traefikArgs(input: ArgsInput): string[] {
  const v = (path: string) => valueAt(input.values, path);
  const extra = (v('additionalArguments') as unknown[] | undefined) ?? [];
  return [
    ...globalArgs(v),
    ...entryPointAddresses(input.values),
    ...(truthy(v('api.dashboard')) ? ['--api.dashboard=true'] : []),
    ...(truthy(v('api.basePath')) ? [`--api.basePath=${text(v('api.basePath'))}`] : []),
    '--ping=true',
    ...metricsArgs(v),
    ...crdProviderArgs(v),
    ...ingressProviderArgs(v, input.publishedService),
    ...namespaceArgs(v),
    ...portArgs(input),
    ...logArgs(v, input.major),
    ...extra.map(text),
  ];
}
