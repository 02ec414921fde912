import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FaultSettings } from '../faults.js';
import { createCa, issueCert, loadCa } from '../pki.js';
import type { Kit } from './kit.js';

/**
 * What someone with kubectl does to Rancher's secrets, on request (faults), the way
 * Rancher's "Updating the Rancher Certificate" has them changed
 * (`kubectl -n cattle-system create secret … --dry-run --save-config -o yaml | kubectl apply -f -`):
 * a certificate from another CA in `tls-rancher-ingress`, a short renewal from the user's own
 * CA, a new CA added to `tls-ca` with no Rancher pod restarted. Each is put back when its
 * fault is cleared, unless someone changed the secret again meanwhile.
 */

type Data = Record<string, string>;
type EditName = 'tlsCertReplaced' | 'tlsCertExpiring' | 'caSecretChanged';

interface Edit {
  name: EditName;
  secret: { namespace: string; name: string };
  /** The secret's new data, from what it held before the fault. */
  make(original: Data, fault: NonNullable<FaultSettings[EditName]>): Promise<Data>;
}

interface Applied {
  original: Data;
  written: Data;
  /** The fault's value when applied: another value is applied afresh. */
  signature: string;
}

const tlsSecret = { namespace: 'cattle-system', name: 'tls-rancher-ingress' };
const caSecret = { namespace: 'cattle-system', name: 'tls-ca' };
const manager = 'kubectl-client-side-apply';
const day = 24 * 60 * 60 * 1000;

const b64 = (text: string) => Buffer.from(text).toString('base64');
const unb64 = (text: string | undefined) => Buffer.from(text ?? '', 'base64').toString('utf8');

/** The names the served certificate covers, so its stand-in covers the same. */
function namesOf(data: Data): { commonName: string; dnsNames: string[] } {
  const cert = new X509Certificate(unb64(data['tls.crt']));
  const dnsNames = (cert.subjectAltName ?? '')
    .split(', ')
    .filter((n) => n.startsWith('DNS:'))
    .map((n) => n.slice(4));
  const commonName = /(?:^|\n)CN=([^\n]+)/.exec(cert.subject)?.[1] ?? dnsNames[0] ?? 'rancher';
  return { commonName, dnsNames };
}

function edits(labDir: string): Edit[] {
  return [
    {
      name: 'tlsCertReplaced',
      secret: tlsSecret,
      async make(original) {
        const other = await createCa({ commonName: 'Another Issuing CA' });
        const cert = await issueCert(other, namesOf(original));
        return { ...original, 'tls.crt': b64(cert.certPem), 'tls.key': b64(cert.keyPem) };
      },
    },
    {
      name: 'tlsCertExpiring',
      secret: tlsSecret,
      async make(original, fault) {
        const { days, caCert, caKey } = fault as NonNullable<FaultSettings['tlsCertExpiring']>;
        const read = (file: string) => readFileSync(resolve(labDir, file), 'utf8');
        const ca = await loadCa(read(caCert), read(caKey));
        const now = Date.now();
        const cert = await issueCert(ca, {
          ...namesOf(original),
          notBefore: new Date(now - day),
          notAfter: new Date(now + days * day),
        });
        return { ...original, 'tls.crt': b64(cert.certPem), 'tls.key': b64(cert.keyPem) };
      },
    },
    {
      name: 'caSecretChanged',
      secret: caSecret,
      // A rotation bundle: the old CA and the new one, as rotating a private CA goes.
      async make(original) {
        const next = await createCa({ commonName: 'Rotated Enterprise Root CA' });
        return { ...original, 'cacerts.pem': b64(unb64(original['cacerts.pem']) + next.certPem) };
      },
    },
  ];
}

function same(a: Data | undefined, b: Data): boolean {
  return JSON.stringify(a ?? {}) === JSON.stringify(b);
}

export function startSecretEdits(kit: Kit): void {
  const applied = new Map<EditName, Applied>();
  const all = edits(kit.ctx.lab.dir);
  let queue = Promise.resolve();

  const write = (edit: Edit, data: Data) => {
    const current = kit.store.get('secrets', edit.secret.namespace, edit.secret.name);
    if (!current) return false;
    kit.store.update('secrets', { ...current, data }, { force: true, manager });
    return true;
  };

  const reconcile = async (edit: Edit) => {
    const fault = kit.ctx.lab.faults.current[edit.name];
    const done = applied.get(edit.name);
    const secret = kit.store.get('secrets', edit.secret.namespace, edit.secret.name);
    const where = `secret ${edit.secret.namespace}/${edit.secret.name}`;
    if (!fault) {
      if (!done) return;
      applied.delete(edit.name);
      if (secret && same(secret.data as Data, done.written) && write(edit, done.original))
        kit.ctx.lab.log(`[${kit.ctx.spec.name}] ${where} put back (${edit.name} cleared)`);
      return;
    }
    const signature = JSON.stringify(fault);
    if (done?.signature === signature) return;
    if (!secret) {
      kit.ctx.lab.log(`[${kit.ctx.spec.name}] ${edit.name}: no ${where} to change yet`);
      return;
    }
    const original = done?.original ?? (secret.data as Data);
    const data = await edit.make(original, fault);
    if (kit.isStopped || !write(edit, data)) return;
    applied.set(edit.name, { original, written: data, signature });
    kit.ctx.lab.log(`[${kit.ctx.spec.name}] ${where} changed (${edit.name})`);
  };

  const reconcileAll = () => {
    queue = queue
      .then(async () => {
        for (const edit of all) await reconcile(edit);
      })
      .catch((e: Error) => kit.ctx.lab.log(`[${kit.ctx.spec.name}] secret edits: ${e.message}`));
  };
  kit.onFaultsChange(reconcileAll);
  // A fault set before the install made the secret applies once the secret exists.
  kit.subscribe((e) => {
    if (e.key !== 'secrets' || e.type !== 'ADDED') return;
    const { namespace, name } = e.object.metadata;
    if (all.some((x) => x.secret.namespace === namespace && x.secret.name === name)) reconcileAll();
  });
  reconcileAll();
}
