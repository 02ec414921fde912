import type { KubeObject } from '../kube/object.js';

export interface ContainerInfo {
  name: string;
  image: string;
}

/** The tag of an image reference (`repo:tag@digest`), or `latest`. */
export function imageTag(image: string): string {
  const withoutDigest = image.split('@')[0]!;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon < 0 ? 'latest' : withoutDigest.slice(colon + 1);
}

/** The repository without registry host or tag: `rancher/rancher`, `ingress-nginx/controller`. */
export function imageRepository(image: string): string {
  const withoutDigest = image.split('@')[0]!;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  const path = colon < 0 ? withoutDigest : withoutDigest.slice(0, colon);
  const parts = path.split('/');
  // A first part with a dot, a colon or `localhost` is a registry host.
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0]!)) parts.shift();
  return parts.join('/');
}

export function isRancherServer(image: string): boolean {
  return imageRepository(image) === 'rancher/rancher';
}

export function isIngressNginx(image: string): boolean {
  const repo = imageRepository(image);
  return repo.endsWith('ingress-nginx/controller') || repo.endsWith('nginx-ingress-controller');
}

/** `docker.io/traefik:v3.6.2`, `traefik:v3.7`, `library/traefik`. */
export function isTraefik(image: string): boolean {
  const repo = imageRepository(image);
  return repo === 'traefik' || repo === 'library/traefik';
}

/** Go's log timestamp: `2024/05/01 10:00:00`. */
function goTime(date = new Date()): string {
  return date.toISOString().slice(0, 19).replace(/-/g, '/').replace('T', ' ');
}

/** klog's header: `I0501 10:00:00.000000       1 file.go:12]`. */
function klog(level: 'I' | 'W', file: string, date = new Date()): string {
  const iso = date.toISOString();
  const stamp = `${iso.slice(5, 7)}${iso.slice(8, 10)} ${iso.slice(11, 23)}000`;
  return `${level}${stamp}       7 ${file}]`;
}

function rancherStart(image: string, pod: KubeObject): string[] {
  const t = goTime();
  return [
    `${t} [INFO] Rancher version ${imageTag(image)} (6c5ce8c0bbb5a1f1f2c5a7e2d6a4e2c7b3d9f1a0) is starting`,
    `${t} [INFO] Rancher arguments {ACMEDomains:[] AddLocal:true Embedded:false BindHost: HTTPListenPort:80 HTTPSListenPort:443 K8sMode:auto Debug:false Trace:false NoCACerts:false AuditLogPath:/var/log/auditlog/rancher-api-audit.log AuditLogMaxage:10 AuditLogMaxsize:100 AuditLogMaxbackup:10 AuditLevel:0 Features: ClusterRegistry:}`,
    `${t} [INFO] Listening on /tmp/log.sock`,
    `${t} [INFO] Running in clustered mode with ID ${pod.status?.podIP ?? ''}, monitoring endpoint cattle-system/rancher`,
  ];
}

/** What a healthy container prints when it starts (only images the lab knows say anything). */
export function startupLines(
  container: ContainerInfo,
  pod: KubeObject,
  kubeVersion: string,
): string[] {
  const { image } = container;
  if (isRancherServer(image)) {
    const t = goTime();
    return [
      ...rancherStart(image, pod),
      `${t} [INFO] Starting API controllers`,
      `${t} [INFO] Listening on :443`,
      `${t} [INFO] Listening on :80`,
      `${t} [INFO] Starting management controllers`,
    ];
  }
  if (isIngressNginx(image)) {
    const [major, minor] = kubeVersion.replace(/^v/, '').split('.');
    return [
      '-------------------------------------------------------------------------------',
      'NGINX Ingress controller',
      `  Release:       ${imageTag(image)}`,
      '  Build:         46e76e5916813cfca2a9b0bfdc34b69a0000f6b9',
      '  Repository:    https://github.com/kubernetes/ingress-nginx',
      '  nginx version: nginx/1.25.5',
      '',
      '-------------------------------------------------------------------------------',
      '',
      `${klog('W', 'client_config.go:659')} Neither --kubeconfig nor --master was specified.  Using the inClusterConfig.  This might not work.`,
      `${klog('I', 'main.go:205')} "Creating API client" host="https://10.100.200.1:443"`,
      `${klog('I', 'main.go:248')} "Running in Kubernetes cluster" major="${major}" minor="${minor}" git="${kubeVersion}" state="clean" platform="linux/amd64"`,
      `${klog('I', 'nginx.go:264')} "Starting NGINX Ingress controller"`,
      `${klog('I', 'controller.go:213')} "Backend successfully reloaded"`,
    ];
  }
  if (isTraefik(image)) {
    // cmd/traefik/traefik.go @v3.6.2 logs this first, through zerolog's ConsoleWriter
    // (RFC 3339 time, `INF`); the build date and the colour codes are left out (unverified).
    const version = imageTag(image).replace(/^v/, '');
    return [
      `${new Date().toISOString().replace(/\.\d+Z$/, 'Z')} INF Traefik version ${version} built on - version=${version}`,
    ];
  }
  if (imageRepository(image).endsWith('coredns/coredns')) {
    return [
      '.:53',
      `CoreDNS-${imageTag(image).replace(/^v/, '')}`,
      'linux/amd64, go1.22.6, 6d8b1c7',
    ];
  }
  return [];
}

/** Rancher reading a CA "file" that the kubelet made a directory: it dies at once. */
export function crashLines(container: ContainerInfo, pod: KubeObject, fatal: string): string[] {
  return [...rancherStart(container.image, pod).slice(0, 3), `${goTime()} [FATAL] ${fatal}`];
}
