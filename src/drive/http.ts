/**
 * Back-channel HTTP with undici: one request, recorded whole (request, response, timing) as evidence.
 * A target that does not answer is the harness's `error`, with the cause, never the target's `fail`.
 */
import { rootCertificates } from 'node:tls';
import { Agent, request, type Dispatcher } from 'undici';
import type { HttpExchange } from '../evidence/types.js';
import { HarnessError } from '../harness-error.js';

/** Parameters as ordered pairs, so that a repeated parameter can be sent on purpose. */
export type Params = [name: string, value: string][];

export interface HttpRequest {
  method: 'GET' | 'POST' | 'OPTIONS';
  url: string;
  headers?: Record<string, string>;
  /** application/x-www-form-urlencoded body. */
  form?: Params;
  /** Send `form` as a JSON object (application/json) instead: what RFC 6749 §3.2 does not allow. */
  json?: boolean;
  /** Added to the URL's query. */
  query?: Params;
  timeout: number;
}

const MAX_BODY = 256 * 1024;

const trusted = new Set<string>();
let dispatcher: Dispatcher | undefined;

/**
 * Trusts one more CA (PEM) for every later request, besides the system roots: the CA generated for an
 * embedded https server, which the run's processes learn through the environment. Process-wide on
 * purpose: every request of the run goes to that target.
 */
export function trustCa(pem: string): void {
  if (trusted.has(pem)) return;
  trusted.add(pem);
  dispatcher = new Agent({ connect: { ca: [...rootCertificates, ...trusted] } });
}

/** The CAs trusted besides the system roots (the TLS probe adds them to the roots too). */
export function trustedCas(): string[] | undefined {
  return trusted.size ? [...trusted] : undefined;
}

/** TLS options of every back-channel connection (for a dispatcher of one's own, e.g. the race sender). */
export function connectOptions(): { ca: string[] } | undefined {
  return trusted.size ? { ca: [...rootCertificates, ...trusted] } : undefined;
}

/** The request as it goes on the wire: headers with accept and content-type, the form encoded, the query added. */
export function prepared(r: HttpRequest): { url: string; headers: Record<string, string>; body?: string } {
  // The back channel's default Accept, unless the request names one (in any case: two would both be sent).
  const ownAccept = Object.keys(r.headers ?? {}).some((k) => k.toLowerCase() === 'accept');
  const headers: Record<string, string> = { ...(ownAccept ? {} : { accept: 'application/json' }), ...r.headers };
  let body: string | undefined;
  if (r.form && r.json) {
    body = JSON.stringify(Object.fromEntries(r.form));
    headers['content-type'] = 'application/json';
  } else if (r.form) {
    body = new URLSearchParams(r.form).toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  const target = new URL(r.url);
  for (const [k, v] of r.query ?? []) target.searchParams.append(k, v);
  return { url: target.toString(), headers, body };
}

export async function send(r: HttpRequest): Promise<HttpExchange> {
  const { url, headers, body } = prepared(r);
  const started = Date.now();
  // One deadline for the whole exchange: undici's idle timeouts alone never end a body that trickles.
  const signal = AbortSignal.timeout(r.timeout);
  let res;
  let text: string;
  try {
    res = await request(url, { method: r.method, headers, body, headersTimeout: r.timeout, bodyTimeout: r.timeout, maxRedirections: 0, signal, ...(dispatcher ? { dispatcher } : {}) } as Parameters<typeof request>[1]);
    text = await readCapped(res.body);
  } catch (err) {
    throw transportError(`${r.method} ${url.split('?')[0]}`, err, r.timeout);
  }
  return exchangeOf({ method: r.method, url, headers, body }, res.statusCode, res.headers, text, started);
}

/** An answer as evidence: headers flattened, the body parsed as JSON when it is JSON. */
export function exchangeOf(
  req: HttpExchange['request'], status: number, rawHeaders: Record<string, string | string[] | undefined>, text: string, started: number,
): HttpExchange {
  const responseHeaders: Record<string, string> = {};
  for (const [k, v] of Object.entries(rawHeaders)) if (v !== undefined) responseHeaders[k] = Array.isArray(v) ? v.join(', ') : String(v);
  let json: unknown;
  if (/json/i.test(responseHeaders['content-type'] ?? '') || text.trimStart().startsWith('{')) {
    try { json = JSON.parse(text); } catch { json = undefined; }
  }
  return { request: req, response: { status, headers: responseHeaders, body: text, json }, durationMs: Date.now() - started };
}

/** Hints for the transport failures people meet: the cause is in the message, what to do in the hint. */
const HINTS: [RegExp, string][] = [
  [/ECONNREFUSED/, 'nothing listens there: is the target running on that address and port?'],
  [/ENOTFOUND|EAI_AGAIN/, 'the host name does not resolve: check the issuer or endpoint URL'],
  [/TIMEOUT|Timeout|AbortError|aborted/, 'the target did not answer in time: is it up? raise `timeouts.http` in the target profile if it is just slow'],
  [/SSL|TLS|EPROTO|CERT|self[- ]signed/i, 'TLS failed: an https URL on a plain-http port, or a certificate Node does not trust (set NODE_EXTRA_CA_CERTS to your CA file)'],
  [/ECONNRESET|SocketError|other side closed/, 'the target closed the connection: is that URL an HTTP server?'],
];

/** A transport failure as a one-line HarnessError with the cause and a hint. */
export function transportError(what: string, err: unknown, timeout: number): HarnessError {
  const e = err as Error & { code?: string; cause?: Error & { code?: string } };
  const timedOut = e.name === 'TimeoutError' || e.cause?.name === 'TimeoutError' || /Timeout/.test(e.code ?? '');
  const code = timedOut ? 'TIMEOUT' : e.code ?? e.cause?.code ?? e.name;
  const detail = timedOut ? `no complete answer within ${timeout} ms` : firstLine(e.cause?.message && e.cause.message !== e.message ? `${e.message}: ${e.cause.message}` : e.message);
  const hint = HINTS.find(([re]) => re.test(`${code} ${detail}`))?.[1];
  return new HarnessError(`${what} failed: ${code} ${detail}`.trim(), hint);
}

function firstLine(s: string): string {
  return s.split('\n')[0].slice(0, 200);
}

/** A short description of a body, for messages: its type, size and first characters. */
export function describeBody(r: { headers: Record<string, string>; body: string }): string {
  if (!r.body) return 'an empty body';
  const type = r.headers['content-type']?.split(';')[0] ?? 'no content-type';
  const start = r.body.trimStart().slice(0, 40).replace(/\s+/g, ' ');
  return `${type}, ${r.body.length} characters: ${JSON.stringify(start)}${r.body.length > 40 ? '…' : ''}`;
}

/** Pairs from an object, leaving out undefined values. */
export function pairs(o: Record<string, string | undefined>): Params {
  return Object.entries(o).filter((e): e is [string, string] => e[1] !== undefined);
}

/** Reads at most MAX_BODY bytes: a huge body must not exhaust the harness. */
export async function readCapped(body: AsyncIterable<Buffer> & { destroy?: () => void }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > MAX_BODY) { body.destroy?.(); chunks.push(Buffer.from('\n[… truncated by oauth-conformance]')); break; }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
