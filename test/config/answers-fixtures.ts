/** A complete, valid answers object like the walkthrough's; tests change one thing at a time. */
export function walkthroughAnswers(): Record<string, Record<string, unknown>> {
  return {
    pks: {
      plan: 'rancher',
      cluster: 'czpksrancher05',
      externalHostname: 'czpksrancher05.sovsystems.com',
      networkProfile: 'lb-medium',
      lbSize: 'medium',
    },
    rancher: { hostname: 'czrancherblog.sovsystems.com' },
    tls: { cert: './czrancherblog.cer', key: './czrancherblog.key', caCerts: './cacerts.pem' },
  };
}

export const noEnv = {};
