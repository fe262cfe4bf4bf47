/**
 * Reading where an authorization request sent the browser, shared by the redirect_uri checks: the
 * outcome says where the browser landed, but a redirect to a host the browser could not load (a
 * name that does not resolve, a loopback port nobody listens on, a javascript: URI it refused) only
 * shows in the chain of hops, as the `Location` that would have sent it there.
 */
import type { AuthorizationEvidence, Hop } from '../evidence/types.js';
import { baseOf, queryOf, fragmentOf } from '../evidence/params.js';

/** `url` is the `requested` URI: same scheme, authority and path, and every query parameter of it kept. */
export function matchesUri(url: string, requested: string): boolean {
  if (baseOf(url) !== baseOf(requested)) return false;
  const want = queryOf(requested);
  const got = queryOf(url);
  return Object.entries(want).every(([k, vs]) => vs.every((v) => got[k]?.includes(v)));
}

/** The hop whose `Location` sent the browser to the manipulated redirect URI, if one did. */
export function redirectToManipulated(e: AuthorizationEvidence): Hop | undefined {
  const sent = e.redirectUri;
  if (!sent?.variant || sent.value === sent.registered) return undefined;
  return e.chain.find((h) => h.location !== undefined && matchesUri(h.location, sent.value));
}

/** " with an authorization code" / " with error=invalid_request" / "" for a URL the browser was sent to. */
export function carrying(url: string): string {
  const q = queryOf(url);
  const f = fragmentOf(url);
  if (q.code || f.code) return ' with an authorization code';
  const error = q.error?.[0] ?? f.error?.[0];
  return error ? ` with error=${error}` : '';
}
