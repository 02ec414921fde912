import { Agent, request, type RequestOptions } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';
import { RancherApiError } from './rancher-api-types.js';
import {
  abortableSleep,
  backoffDelay,
  defaultRetryPolicy,
  retryAfterMs,
  type RetryPolicy,
} from './rancher-retry.js';
import { redactText } from '../shared/redact.js';

export interface RancherHttpOptions {
  /** Rancher's URL, `https://rancher.example.com` (a port may follow the host). */
  url: string;
  /** The CA that signed Rancher's certificate (the install's cacerts.pem); nothing else is trusted. */
  caPem: string;
  /** Connect to this address instead of resolving the hostname (SNI and Host stay the name). */
  address?: string;
  /** Connections kept open at most: the import's concurrency. */
  maxSockets?: number;
  /** No answer within this long is a lost connection (retried). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** In [0, 1): the jitter (tests make it fixed). */
  random?: () => number;
  /** Waits between tries (tests make it instant); must reject when the signal aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** For Retry-After given as an HTTP-date. */
  now?: () => number;
  /** What a 401 asks the user to do; it names where the token came from. */
  refusedTokenFix?: string;
}

export interface RancherRequest {
  body?: unknown;
  signal?: AbortSignal;
  /** Send the token (`false` for the login call). */
  auth?: boolean;
  /** Statuses handed back rather than thrown (404 for a lookup). */
  allow?: readonly number[];
  /**
   * Safe to send twice: false for a create whose duplicate would be a second object. Then
   * only failures that prove the request never reached Rancher (refused, 429) are retried;
   * the caller decides about the rest (createCluster looks the name up first).
   */
  repeatable?: boolean;
  /** What the call does, for messages: `listing clusters`. Never holds a secret. */
  what: string;
}

export interface RancherAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A v3 collection of 300 clusters is a few MiB; far more is not Rancher. */
const bodyLimit = 64 * 1024 * 1024;
const defaultTimeoutMs = 30_000;

/** The request went nowhere: no chance Rancher acted on it. */
const notSentCodes = new Set(['ECONNREFUSED', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** Worth another try: the network or Rancher may be back in a moment. */
const transientCodes = new Set([
  ...notSentCodes,
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ESOCKETTIMEDOUT',
  'ECONNABORTED',
]);

/** Certificate verification failures (OpenSSL's X509 codes and Node's hostname check). */
function isTlsVerifyError(code: string): boolean {
  return (
    code.startsWith('ERR_TLS_') ||
    code.startsWith('ERR_SSL_') ||
    /CERT|SELF_SIGNED|UNABLE_TO_|ISSUER|CHAIN|SIGNATURE|X509|PATH_LENGTH/.test(code)
  );
}

/**
 * HTTPS to Rancher's API: Bearer token, the server's CA only, keep-alive connections, JSON,
 * and retries (429 after Retry-After, 5xx and lost connections with backoff and full jitter,
 * a bounded number of tries, the signal honoured at every wait). Every failure is a
 * RancherApiError with one line a user can act on; the token never appears in one.
 */
export class RancherHttp {
  readonly origin: string;
  readonly #host: string;
  readonly #port: number;
  readonly #agent: Agent;
  readonly #options: RancherHttpOptions;
  readonly #policy: RetryPolicy;
  #token: string | undefined;
  #calls = 0;

  constructor(options: RancherHttpOptions) {
    const url = new URL(options.url);
    if (url.protocol !== 'https:')
      throw new RancherApiError(
        `the Rancher URL ${url.origin} is not https; give https://<rancher hostname>`,
        0,
        false,
      );
    this.origin = url.origin;
    this.#host = url.hostname.replace(/^\[|\]$/g, '');
    this.#port = url.port ? Number(url.port) : 443;
    this.#options = options;
    this.#policy = { ...defaultRetryPolicy, ...options.retry };
    this.#agent = new Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 10 });
  }

  /** HTTP requests sent so far, every retry included. */
  get calls(): number {
    return this.#calls;
  }

  /** Later calls send this token (`token-xxxxx:<secret>`). */
  authorize(token: string): void {
    this.#token = token;
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.#agent.destroy();
  }

  /** The answer of a 2xx (or an allowed status); everything else throws RancherApiError. */
  async request(method: string, path: string, o: RancherRequest): Promise<RancherAnswer> {
    const repeatable = o.repeatable ?? method !== 'POST';
    const sleep = this.#options.sleep ?? abortableSleep;
    const random = this.#options.random ?? Math.random;
    for (let attempt = 1; ; attempt++) {
      o.signal?.throwIfAborted();
      const outcome = await this.#attempt(method, path, o, attempt, repeatable);
      if ('answer' in outcome) return outcome.answer;
      if (!outcome.mayRepeat || attempt >= this.#policy.maxAttempts) throw outcome.failure;
      const delay =
        outcome.retryAfter !== undefined
          ? Math.min(outcome.retryAfter, this.#policy.maxRetryAfterMs)
          : backoffDelay(attempt, this.#policy, random);
      await sleep(delay, o.signal);
    }
  }

  async #attempt(
    method: string,
    path: string,
    o: RancherRequest,
    attempt: number,
    repeatable: boolean,
  ): Promise<
    | { answer: RancherAnswer }
    | { failure: RancherApiError; mayRepeat: boolean; retryAfter?: number }
  > {
    let answer: RancherAnswer;
    try {
      answer = await this.#once(method, path, o);
    } catch (error) {
      o.signal?.throwIfAborted();
      const code = (error as NodeJS.ErrnoException).code ?? '';
      const failure = this.#networkError(error as NodeJS.ErrnoException, o.what);
      return { failure, mayRepeat: failure.transient && (repeatable || notSentCodes.has(code)) };
    }
    const { status } = answer;
    if ((status >= 200 && status < 300) || o.allow?.includes(status)) return { answer };
    const failure = this.#statusError(answer, o.what, attempt);
    // A 429 refuses the request unhandled (RFC 6585 §4): repeating it creates nothing twice.
    const mayRepeat = failure.transient && (repeatable || status === 429);
    if (status !== 429) return { failure, mayRepeat };
    const now = (this.#options.now ?? Date.now)();
    const retryAfter = retryAfterMs(headerValue(answer.headers['retry-after']), now);
    return { failure, mayRepeat, ...(retryAfter !== undefined ? { retryAfter } : {}) };
  }

  /** One HTTP exchange; rejects with the socket's error (or the signal's reason). */
  #once(method: string, path: string, o: RancherRequest): Promise<RancherAnswer> {
    const body = o.body === undefined ? undefined : JSON.stringify(o.body);
    const timeoutMs = this.#options.timeoutMs ?? defaultTimeoutMs;
    const servername = isIP(this.#host) ? undefined : this.#host;
    const headers: Record<string, string> = {
      Host: this.#port === 443 ? this.#host : `${this.#host}:${this.#port}`,
      Accept: 'application/json',
      'User-Agent': 'rancher-pks-tui',
      ...(body === undefined
        ? {}
        : {
            'Content-Type': 'application/json',
            'Content-Length': String(Buffer.byteLength(body)),
          }),
      ...(o.auth !== false && this.#token ? { Authorization: `Bearer ${this.#token}` } : {}),
    };
    const options: RequestOptions = {
      host: this.#options.address ?? this.#host,
      port: this.#port,
      method,
      path,
      headers,
      ca: this.#options.caPem,
      rejectUnauthorized: true,
      agent: this.#agent,
      ...(servername ? { servername } : {}),
    };
    this.#calls++;
    return new Promise((resolve, reject) => {
      let settled = false;
      const finish = (error: unknown, answer?: RancherAnswer) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        o.signal?.removeEventListener('abort', onAbort);
        if (answer) resolve(answer);
        else reject(error as Error);
      };
      const onAbort = () => {
        req.destroy();
        finish(o.signal?.reason);
      };
      const req = request(options, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > bodyLimit) {
            req.destroy();
            finish(Object.assign(new Error('the answer is too large'), { code: 'EMSGSIZE' }));
          } else chunks.push(chunk);
        });
        res.on('end', () =>
          finish(undefined, {
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', (error) => finish(error));
      });
      // One deadline for the whole exchange (the socket timeout alone resets on every byte).
      const timer = setTimeout(() => {
        req.destroy();
        finish(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' }));
      }, timeoutMs);
      req.on('error', (error) => finish(error));
      o.signal?.addEventListener('abort', onAbort, { once: true });
      req.end(body);
    });
  }

  #networkError(error: NodeJS.ErrnoException, what: string): RancherApiError {
    const code = error.code ?? '';
    const where = `${this.#host}:${this.#port}`;
    const reason = oneLine(error.message);
    if (isTlsVerifyError(code))
      return new RancherApiError(
        `the certificate of ${this.#host} does not verify against the Rancher CA (${reason}); give the CA that signed Rancher's certificate (the install's cacerts.pem, or --rancher-ca)`,
        0,
        false,
      );
    if (code === 'ENOTFOUND')
      return new RancherApiError(
        `cannot resolve ${this.#host} (ENOTFOUND) while ${what}; check that the Rancher hostname resolves from this machine (DNS)`,
        0,
        false,
      );
    if (code === 'ETIMEDOUT')
      return new RancherApiError(
        `no answer from ${where} while ${what} (${reason}); check that Rancher is up and reachable from this machine`,
        0,
        true,
      );
    if (code === 'EMSGSIZE')
      return new RancherApiError(
        `the answer from ${where} while ${what} is over ${bodyLimit / 1024 / 1024} MiB; check that ${this.origin} is the Rancher server`,
        0,
        false,
      );
    return new RancherApiError(
      `cannot connect to ${where} while ${what} (${code || reason}); check that Rancher is up and that this machine reaches it (load balancer, firewall)`,
      0,
      transientCodes.has(code) || code === '',
    );
  }

  #statusError(answer: RancherAnswer, what: string, attempt: number): RancherApiError {
    const { status } = answer;
    const said = rancherMessage(answer.body);
    const detail = said ? `: ${said}` : '';
    const tries = attempt > 1 ? ` (${attempt} tries)` : '';
    if (status === 401)
      return new RancherApiError(
        `Rancher refused the API token (401 Unauthorized) while ${what}; ${this.#options.refusedTokenFix ?? 'set RANCHER_TOKEN to a valid API token (Rancher: Account & API Keys), or unset it to log in with the admin password'}`,
        status,
        false,
      );
    if (status === 403)
      return new RancherApiError(
        `Rancher denied ${what} (403 Forbidden${detail}); use the token of a user allowed to manage clusters (an administrator)`,
        status,
        false,
      );
    if (status === 404)
      return new RancherApiError(
        `Rancher found nothing while ${what} (404 Not Found${detail}); check that ${this.origin} is the Rancher server`,
        status,
        false,
      );
    if (status === 429)
      return new RancherApiError(
        `Rancher kept answering 429 Too Many Requests while ${what}${tries}; lower --concurrency or try again later`,
        status,
        true,
      );
    if (status >= 500)
      return new RancherApiError(
        `Rancher answered ${status}${detail} while ${what}${tries}; check Rancher's pods (kubectl -n cattle-system get pods) and try again`,
        status,
        status !== 501,
      );
    return new RancherApiError(
      `Rancher refused ${what} (${status}${detail}); correct what it names and try again`,
      status,
      false,
    );
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function oneLine(text: string): string {
  return redactText((text.split('\n')[0] ?? '').trim()).slice(0, 200);
}

/** Norman's error body, `{"type":"error","code":"NotFound","message":"…"}`: its message, short. */
function rancherMessage(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { message?: unknown; code?: unknown };
    const said =
      typeof parsed.message === 'string' && parsed.message ? parsed.message : parsed.code;
    return typeof said === 'string' && said ? oneLine(said) : undefined;
  } catch {
    return undefined;
  }
}
