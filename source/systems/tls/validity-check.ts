import type { X509Certificate } from 'node:crypto';
import { certificatesIn, describe, notAfter, notBefore } from './certificates.js';
import { combine, fail, type TlsFinding } from './finding.js';

const id = 'tls.validity';
const day = 24 * 60 * 60 * 1000;
/** How early an approaching expiry becomes a warning… */
export const expiryWarningDays = 30;
/** …and a failure: too late to wait for a change window. */
export const expiryFailureDays = 7;

/** `tls.validity`: every certificate in the certificate file is valid at `now`, and not about to expire. */
export function checkValidity(cert: Buffer, now: Date = new Date()): TlsFinding {
  const chain = certificatesIn(cert);
  const [server] = chain;
  if (!server)
    return fail(id, 'the certificate file holds no readable certificate', 'fix tls.pem first');
  const problems = chain.flatMap((certificate, index) => {
    const problem = validityProblem(
      certificate,
      index === 0 ? 'the server certificate' : `the intermediate ${describe(certificate)}`,
      now,
    );
    return problem ? [problem] : [];
  });
  const days = Math.floor((notAfter(server).getTime() - now.getTime()) / day);
  return combine(
    id,
    problems,
    `the certificate is valid until ${isoDay(notAfter(server))} (${days} days left)`,
  );
}

function validityProblem(cert: X509Certificate, name: string, now: Date) {
  const from = notBefore(cert);
  const until = notAfter(cert);
  if (now < from) {
    return {
      status: 'fail' as const,
      message: `${name} is not valid yet: it starts on ${from.toISOString()}`,
      remedy:
        'wait until then, or check this machine’s clock; otherwise reissue it with a start date in the past',
    };
  }
  if (now > until) {
    return {
      status: 'fail' as const,
      message: `${name} expired on ${until.toISOString()}`,
      remedy: 'renew it with your CA and point tls.cert at the new file',
    };
  }
  const daysLeft = Math.floor((until.getTime() - now.getTime()) / day);
  if (daysLeft < expiryFailureDays) {
    return {
      status: 'fail' as const,
      message: `${name} expires in ${daysLeft} day${daysLeft === 1 ? '' : 's'} (${until.toISOString()})`,
      remedy:
        'renew it now with your CA: when it expires, browsers refuse the site and Rancher’s agents lose their connection',
    };
  }
  if (daysLeft < expiryWarningDays) {
    return {
      status: 'warn' as const,
      message: `${name} expires in ${daysLeft} day${daysLeft === 1 ? '' : 's'} (${isoDay(until)})`,
      remedy: 'renew it soon; Rancher and its agents stop trusting the site when it expires',
    };
  }
  return undefined;
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
