import type { KubeObject } from '../../../source/systems/kube.js';

/** cattle-cluster-agent as Rancher's import manifest makes it (pkg/systemtemplate/template.go). */
export function agentDeployment(checksum: string): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'cattle-cluster-agent', namespace: 'cattle-system' },
    spec: {
      template: {
        spec: {
          containers: [
            {
              name: 'cluster-register',
              env: [
                { name: 'CATTLE_SERVER', value: 'https://rancher.example.com' },
                { name: 'CATTLE_CA_CHECKSUM', value: checksum },
                { name: 'CATTLE_CLUSTER', value: 'true' },
              ],
            },
          ],
        },
      },
    },
  };
}
