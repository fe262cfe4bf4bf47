/** Describing where an authorization request ended, shared by the checks that judge it. */
import type { AuthorizationEvidence } from '../evidence/types.js';

export function describeOutcome(e: AuthorizationEvidence): string {
  const o = e.outcome;
  if (o.type === 'error-page') return `error page at ${o.url}${o.status ? ` (HTTP ${o.status})` : ''}: "${o.title || o.text.slice(0, 80)}"`;
  const where = { registered: 'the registered redirect URI', requested: 'the manipulated redirect URI', other: 'a URI the client never sent' }[o.target];
  return `redirect to ${where} ${o.url}`;
}

/** The parameters of the authorization response: query for the code flow, fragment otherwise. */
export function responseParams(e: AuthorizationEvidence): Record<string, string[]> | undefined {
  const o = e.outcome;
  if (o.type !== 'redirect') return undefined;
  if (o.query.code || o.query.error) return o.query;
  if (o.fragment.code || o.fragment.error || o.fragment.access_token) return o.fragment;
  return undefined;
}

/** What the redirect handed over: `code`, `access_token`, `id_token`, in the query or the fragment. */
export function deliveredGrants(e: AuthorizationEvidence): string[] {
  const o = e.outcome;
  if (o.type !== 'redirect') return [];
  return ['code', 'access_token', 'id_token'].filter((name) => o.query[name] || o.fragment[name]);
}

/** The `error` of an error response that reached a harness host (query or fragment). */
export function responseError(e: AuthorizationEvidence): string | undefined {
  const o = e.outcome;
  return o.type === 'redirect' ? (o.query.error?.[0] ?? o.fragment.error?.[0]) : undefined;
}

/** Names that appear more than once in the query of a URL (as sent, before any server parsing). */
export function repeatedParams(url: string): string[] {
  const q = url.indexOf('?');
  const names = new URLSearchParams(q < 0 ? '' : url.slice(q + 1).split('#')[0]).keys();
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const n of names) (seen.has(n) ? repeated : seen).add(n);
  return [...repeated];
}

/**
 * How the server refused (or did not refuse) a request it should refuse: an error page, an error
 * response at a harness host, or a grant delivered. For "rejected" checks judged on what happened.
 */
export function refusalOf(e: AuthorizationEvidence): { refused: true; error?: string } | { refused: false; delivered: string[] } {
  const delivered = deliveredGrants(e);
  if (delivered.length) return { refused: false, delivered };
  return { refused: true, error: responseError(e) };
}

/**
 * The user denied consent, yet no error response came (a code, or nothing): rules about the error
 * response cannot judge it (authorization-error-well-formed judges the denial itself). Undefined otherwise.
 */
export function deniedWithoutError(e: AuthorizationEvidence): string | undefined {
  const params = responseParams(e);
  if (e.consent !== 'deny' || !params || params.error) return undefined;
  const delivered = deliveredGrants(e);
  return `the user denied consent, yet no error response came (${delivered.length ? `a success response with ${delivered.join(', ')}` : 'a response without error'}): authorization-error-well-formed judges that`;
}

/**
 * An error page the harness cannot credit as the refusal RFC 6749 §4.1.2.1 asks for (an error response,
 * or "inform the resource owner of the error"): a server error (5xx), which says the server failed, not
 * that it judged the request; or a page with nothing on it. Nothing was issued, so the refusal checks
 * judge it lenient (SHOULD) at most: never a clean pass with nothing shown. Undefined for any other outcome.
 */
const ASKED = 'RFC 6749 §4.1.2.1 asks for an error response, or an error shown to the user';

export function uncreditedRefusal(e: AuthorizationEvidence): string | undefined {
  const o = e.outcome;
  if (o.type !== 'error-page') return undefined;
  if (o.status !== undefined && o.status >= 500) {
    return `the server failed (HTTP ${o.status}) instead of refusing: nothing was issued and no redirect made, but a server error is no refusal the harness can credit (${ASKED})`;
  }
  if (!o.title.trim() && !o.text.trim()) {
    return `the server answered with an empty page${o.status ? ` (HTTP ${o.status})` : ''}: nothing was issued and no redirect made, but nobody was told of an error (${ASKED})`;
  }
  return undefined;
}
