/**
 * access-token-audience-restricted (RI-01) — an access token requested with a `resource` parameter is
 * meant for that resource alone: introspection (or the token itself, when it is a JWT) names it as the
 * audience, and no other. An answer that says nothing about the audience cannot judge (n/a).
 * @see https://www.rfc-editor.org/rfc/rfc8707#section-2
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.10.1
 */
import type { CheckDefinition } from '../types.js';
import { evidenceAt } from '../related.js';
import { issuedAccessToken, sentParam } from '../token-response.js';

/** The audience a token carries: from introspection, else from the access token's payload when it is a JWT. */
function audienceOf(introspected: Record<string, unknown> | undefined, accessToken: string | undefined): { aud: string[]; source: string } | undefined {
  const list = (v: unknown) => (typeof v === 'string' ? [v] : Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined);
  const fromIntrospection = list(introspected?.aud);
  if (fromIntrospection) return { aud: fromIntrospection, source: 'introspection' };
  const parts = accessToken?.split('.');
  if (parts?.length !== 3) return undefined;
  try {
    const aud = list((JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<string, unknown>).aud);
    return aud ? { aud, source: 'the JWT access token' } : undefined;
  } catch {
    return undefined;
  }
}

export const accessTokenAudienceRestricted: CheckDefinition<'introspection'> = {
  id: 'access-token-audience-restricted',
  title: 'An access token requested for a resource is restricted to that audience',
  catalog: ['RI-01'],
  requirements: ['RFC8707-2', 'RFC9700-4.10.1'],
  level: 'SHOULD',
  quote: 'the authorization server SHOULD audience-restrict issued access tokens to the resource(s) indicated by the "resource" parameter',
  on: 'introspection',
  evaluate(e, ctx) {
    const t = evidenceAt(ctx, e.tokenFrom);
    if (t?.kind !== 'token' || e.which !== 'access_token') return { holds: 'n/a', reason: 'not the access token of a token request' };
    const resource = sentParam(t, 'resource');
    if (!resource) return { holds: 'n/a', reason: `the token request (step ${t.step + 1}) named no resource` };
    const body = e.exchange?.response.status === 200 ? (e.exchange.response.json as Record<string, unknown> | undefined) : undefined;
    if (body?.active !== true) return { holds: 'n/a', reason: 'introspection did not report the token active' };
    const found = audienceOf(body, issuedAccessToken(t));
    if (!found) return { holds: 'n/a', reason: 'neither introspection nor the token says its audience (aud)' };
    const expected = `aud = ${JSON.stringify(resource)}`;
    const actual = `aud = ${JSON.stringify(found.aud.map((a) => a.slice(0, 100)))} (${found.source})`;
    const others = found.aud.filter((a) => a !== resource);
    if (!found.aud.includes(resource)) return { holds: false, expected, actual, message: `the access token requested for ${resource} is not meant for it` };
    if (others.length) return { holds: false, expected, actual, message: `the access token requested for ${resource} is valid at ${others.length} other audience(s) too: any of them can replay it` };
    return { holds: true, expected, actual };
  },
};
