/**
 * Endpoints of a target: explicit `endpoints` win; otherwise RFC 8414 metadata (path insertion), then
 * OpenID Connect Discovery. A target without either needs `endpoints` in its profile.
 */
import { describeBody, send } from '../drive/http.js';
import { HarnessError } from '../harness-error.js';

export interface Endpoints {
  issuer: string;
  authorization: string;
  token: string;
  metadata?: Record<string, unknown>;
  metadataUrl?: string;
}

export function metadataUrls(issuer: string): string[] {
  const u = new URL(issuer);
  const path = u.pathname.replace(/\/$/, '');
  return [
    `${u.origin}/.well-known/oauth-authorization-server${path}`,
    `${u.origin}${path}/.well-known/openid-configuration`,
  ];
}

export async function discover(issuer: string | undefined, explicit: { authorization?: string; token?: string } | undefined, timeout: number): Promise<Endpoints> {
  if (explicit?.authorization && explicit.token && !issuer) {
    return { issuer: new URL(explicit.authorization).origin, authorization: explicit.authorization, token: explicit.token };
  }
  if (!issuer) throw new HarnessError('the target profile has neither an issuer nor endpoints', 'add `issuer:` or `endpoints: { authorization, token }`');
  const tried: string[] = [];
  for (const url of metadataUrls(issuer)) {
    const ex = await send({ method: 'GET', url, timeout });
    const m = ex.response.json as Record<string, unknown> | undefined;
    if (ex.response.status === 200 && m && typeof m === 'object') {
      const authorization = explicit?.authorization ?? String(m.authorization_endpoint ?? '');
      const token = explicit?.token ?? String(m.token_endpoint ?? '');
      if (!authorization || !token) throw new HarnessError(`metadata at ${url} has no authorization_endpoint or token_endpoint`, 'set `endpoints:` in the target profile');
      return { issuer, authorization, token, metadata: m, metadataUrl: url };
    }
    const { status, headers } = ex.response;
    tried.push(`${url} → ${status}${status >= 300 && status < 400 ? ` to ${headers.location ?? '(no Location)'}` : status === 200 ? ` with ${describeBody(ex.response)}, not a JSON object` : ''}`);
  }
  if (explicit?.authorization && explicit.token) return { issuer, authorization: explicit.authorization, token: explicit.token };
  throw new HarnessError(`no metadata found for issuer ${issuer} (${tried.join('; ')})`, 'check the issuer, or set `endpoints:` in the target profile');
}
