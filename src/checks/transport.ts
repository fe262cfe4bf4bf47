/** Reading a probe sent to the plain-http variant of an endpoint (transport security, TLS-01/02/06). */
import type { ProbeEvidence } from '../evidence/types.js';
import { safeUrl } from '../evidence/params.js';

export type PlainHttpAnswer =
  /** Nothing listens for plain http (connection refused, reset): the best answer. Recorded as status 0. */
  | { kind: 'no-answer' }
  | { kind: 'redirect'; status: number; location: string; toHttps: boolean; sameHost: boolean }
  | { kind: 'served'; status: number }
  | { kind: 'error'; status: number };

/** The probe went to an http:// URL (the scenario asked for `scheme: http`). */
export function sentOverPlainHttp(e: ProbeEvidence): boolean {
  return safeUrl(e.request.url)?.protocol === 'http:';
}

export function classifyPlainHttpAnswer(e: ProbeEvidence): PlainHttpAnswer {
  const status = e.response.status;
  if (status === 0) return { kind: 'no-answer' };
  if (status >= 300 && status < 400) {
    const location = e.response.headers.location ?? '';
    let to: URL | undefined;
    try { to = new URL(location, e.request.url); } catch { to = undefined; }
    return { kind: 'redirect', status, location, toHttps: to?.protocol === 'https:', sameHost: to?.hostname === safeUrl(e.request.url)?.hostname };
  }
  return status >= 200 && status < 300 ? { kind: 'served', status } : { kind: 'error', status };
}

export function describePlainHttpAnswer(a: PlainHttpAnswer): string {
  switch (a.kind) {
    case 'no-answer': return 'no HTTP answer on plain http (connection refused)';
    case 'redirect': return `${a.status} redirect to ${a.location || '(no Location)'}`;
    default: return `${a.status} answered over plain http`;
  }
}
