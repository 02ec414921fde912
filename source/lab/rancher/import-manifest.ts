import { createHash } from 'node:crypto';

/** What SystemTemplate needs for an imported cluster's manifest. */
export interface ImportManifestInput {
  /** server-url (or the request's root when it is empty, import.go). */
  serverUrl: string;
  token: string;
  /** import.go passes "" (ForCluster, used by clusterdeploy, passes the cluster's name). */
  namespace: string;
  /** settings.AgentImage resolved: `rancher/rancher-agent:<server-version>`. */
  agentImage: string;
  /** CAChecksum(): sha256 hex of the cacerts setting, '' when unset. */
  caChecksum: string;
  serverVersion: string;
  installUuid: string;
  ingressIpDomain: string;
  /** agent-tls-mode `strict` (the default of a fresh install) → STRICT_VERIFY "true". */
  strictVerify: boolean;
}

/**
 * pkg/systemtemplate CAChecksum: sha256 hex of the `cacerts` setting with a trailing newline
 * added when missing; '' when the setting is empty.
 */
export function caChecksum(cacerts: string | undefined): string {
  if (!cacerts) return '';
  const ca = cacerts.endsWith('\n') ? cacerts : `${cacerts}\n`;
  return createHash('sha256').update(ca).digest('hex');
}

/** SystemTemplate's TokenKey: the first 10 hex of sha256("url.token.namespace"). */
export function tokenKey(url: string, token: string, namespace: string): string {
  return createHash('sha256').update(`${url}.${token}.${namespace}`).digest('hex').slice(0, 10);
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** How go-yaml writes a plain string: quoted when it would read back as something else. */
function scalar(value: string): string {
  if (
    value === '' ||
    /^(true|false|yes|no|on|off|y|n|null|~|[-+]?[0-9._]+([eE][-+]?[0-9]+)?)$/i.test(value)
  )
    return `"${value}"`;
  return value;
}

function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
}

/**
 * settings.ClusterAgentDefaultAffinity (pkg/settings/agent_customization.go) as toYAML writes
 * it: JSON through sigs.k8s.io/yaml, so keys sorted.
 */
const defaultAffinity = `nodeAffinity:
  preferredDuringSchedulingIgnoredDuringExecution:
  - preference:
      matchExpressions:
      - key: node-role.kubernetes.io/controlplane
        operator: In
        values:
        - "true"
    weight: 100
  - preference:
      matchExpressions:
      - key: node-role.kubernetes.io/control-plane
        operator: In
        values:
        - "true"
    weight: 100
  - preference:
      matchExpressions:
      - key: cattle.io/cluster-agent
        operator: In
        values:
        - "true"
    weight: 1
  requiredDuringSchedulingIgnoredDuringExecution:
    nodeSelectorTerms:
    - matchExpressions:
      - key: kubernetes.io/os
        operator: NotIn
        values:
        - windows`;

/** DefaultAgentSettingsAsEnvVars (server-version, install-uuid, ingress-ip-domain) + STRICT_VERIFY. */
function agentEnvVars(input: ImportManifestInput): string {
  const vars: [string, string][] = [
    ['CATTLE_SERVER_VERSION', input.serverVersion],
    ['CATTLE_INSTALL_UUID', input.installUuid],
    ['CATTLE_INGRESS_IP_DOMAIN', input.ingressIpDomain],
    ['STRICT_VERIFY', input.strictVerify ? 'true' : 'false'],
  ];
  return vars.map(([name, value]) => `- name: ${name}\n  value: ${scalar(value)}`).join('\n');
}

/**
 * The import manifest, rendered from rancher/rancher pkg/systemtemplate/template.go (v2.13.8)
 * with what import.go gives it: no features (so no CATTLE_FEATURES), no taints (the default
 * tolerations), no private registry, PDB, priority class, auth image or pre-bootstrap.
 */
export function renderImportManifest(input: ImportManifestInput): string {
  const key = tokenKey(input.serverUrl, input.token, input.namespace);
  return `
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: proxy-clusterrole-kubeapiserver
rules:
- apiGroups: [""]
  resources:
  - nodes/metrics
  - nodes/proxy
  - nodes/stats
  - nodes/log
  - nodes/spec
  verbs: ["get", "list", "watch", "create"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: proxy-role-binding-kubernetes-master
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: proxy-clusterrole-kubeapiserver
subjects:
- apiGroup: rbac.authorization.k8s.io
  kind: User
  name: kube-apiserver
---
apiVersion: v1
kind: Namespace
metadata:
  name: cattle-system

---

apiVersion: v1
kind: ServiceAccount
metadata:
  name: cattle
  namespace: cattle-system

---

apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: cattle-admin-binding
  namespace: cattle-system
  labels:
    cattle.io/creator: "norman"
subjects:
- kind: ServiceAccount
  name: cattle
  namespace: cattle-system
roleRef:
  kind: ClusterRole
  name: cattle-admin
  apiGroup: rbac.authorization.k8s.io

---

apiVersion: v1
kind: Secret
metadata:
  name: cattle-credentials-${key}
  namespace: cattle-system
type: Opaque
data:
  url: "${b64(input.serverUrl)}"
  token: "${b64(input.token)}"
  namespace: "${b64(input.namespace)}"

---

apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: cattle-admin
  labels:
    cattle.io/creator: "norman"
rules:
- apiGroups:
  - '*'
  resources:
  - '*'
  verbs:
  - '*'
- nonResourceURLs:
  - '*'
  verbs:
  - '*'

---

apiVersion: apps/v1
kind: Deployment
metadata:
  name: cattle-cluster-agent
  namespace: cattle-system
  annotations:
    management.cattle.io/scale-available: "2"
spec:
  selector:
    matchLabels:
      app: cattle-cluster-agent
  template:
    metadata:
      labels:
        app: cattle-cluster-agent
    spec:
      affinity:
${indent(defaultAffinity, 8)}
      serviceAccountName: cattle
      tolerations:
      # No taints or no controlplane nodes found, added defaults
      - effect: NoSchedule
        key: node-role.kubernetes.io/controlplane
        value: "true"
      - effect: NoSchedule
        key: "node-role.kubernetes.io/control-plane"
        operator: "Exists"
      containers:
        - name: cluster-register
          imagePullPolicy: IfNotPresent
          env:
          - name: CATTLE_SERVER
            value: "${input.serverUrl}"
          - name: CATTLE_CA_CHECKSUM
            value: "${input.caChecksum}"
          - name: CATTLE_CLUSTER
            value: "true"
          - name: CATTLE_K8S_MANAGED
            value: "true"
          - name: CATTLE_CLUSTER_REGISTRY
            value: ""
          - name: CATTLE_CREDENTIAL_NAME
            value: cattle-credentials-${key}
          - name: CATTLE_SUC_APP_NAME_OVERRIDE
            value: ""
${indent(agentEnvVars(input), 10)}
          image: "${input.agentImage}"
          volumeMounts:
          - name: cattle-credentials
            mountPath: /cattle-credentials
            readOnly: true
      volumes:
      - name: cattle-credentials
        secret:
          secretName: cattle-credentials-${key}
          defaultMode: 320
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 0
      maxSurge: 1
---
apiVersion: v1
kind: Service
metadata:
  name: cattle-cluster-agent
  namespace: cattle-system
spec:
  ports:
  - port: 80
    targetPort: 80
    protocol: TCP
    name: http
  - port: 443
    targetPort: 444
    protocol: TCP
    name: https-internal
  selector:
    app: cattle-cluster-agent
`;
}
