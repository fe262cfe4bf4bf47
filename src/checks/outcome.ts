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
