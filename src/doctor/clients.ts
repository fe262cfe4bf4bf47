/**
 * Client credentials, without a browser: each client redeems a made-up code. `invalid_grant` means
 * the server authenticated the client and only then refused the code (RFC 6749 §5.2);
 * `invalid_client` means it did not authenticate it.
 */
import { randomBytes } from 'node:crypto';
import { send } from '../drive/http.js';
import { HarnessError } from '../harness-error.js';
import { clientAuth } from '../steps/client-auth.js';
import { authMethod, authMethods } from '../target/auth-methods.js';
import type { ClientProfile } from '../target/schema.js';
import { note, ok, problem, type Finding } from './finding.js';

export async function checkClient(key: string, c: ClientProfile, tokenEndpoint: string, timeout: number): Promise<Finding> {
  // The assertion of a JWT client is never printed: only the answer is.
  const auth = await clientAuth(c, 'as-registered', tokenEndpoint);
  const who = `client "${key}" (${c.id}, ${authMethods(c).join(' or ')})`;
  let ex;
  try {
    ex = await send({
      method: 'POST', url: tokenEndpoint, headers: auth.headers, query: auth.query, timeout,
      form: [['grant_type', 'authorization_code'], ['code', randomBytes(24).toString('base64url')], ['redirect_uri', c.redirect_uris[0]], ...auth.form,
        // A public client proves itself by PKCE: some servers refuse its request without a verifier as invalid_client.
        ...(c.auth === 'none' ? [['code_verifier', randomBytes(32).toString('base64url')] as [string, string]] : [])],
    });
  } catch (err) {
    if (!(err instanceof HarnessError)) throw err;
    return problem(`${who}: the token endpoint did not answer: ${err.message}`, err.hint ?? 'check the token endpoint URL');
  }
  const { status, json } = ex.response;
  const body = (json ?? {}) as { error?: unknown; error_description?: unknown };
  const error = typeof body.error === 'string' ? body.error : undefined;
  const said = `${error ?? 'no OAuth error'}${typeof body.error_description === 'string' ? ` (${body.error_description})` : ''}, HTTP ${status}`;
  if (error === 'invalid_client' || (status === 401 && error !== 'invalid_grant')) {
    const fix = authMethod(c) === 'none'
      ? `is clients.${key}.id registered on the server, as a public client?`
      : `check clients.${key}.id and clients.${key}.secret, and that the server registered this client for ${authMethod(c)}`;
    return problem(`${who} was not authenticated: a made-up code got ${said}`, fix);
  }
  // An implicit-only client (the `implicit` role) is rightly refused the code grant.
  if (error === 'unauthorized_client' && key === 'implicit') return ok(`${who} is known to the server (not allowed the code grant, as an implicit-only client may be): ${said}`);
  if (error === 'unauthorized_client') return problem(`${who} may not use the authorization code grant: ${said}`, 'allow the authorization_code grant for this client on the server');
  if (status >= 200 && status < 300) return note(`${who}: the token endpoint answered ${status} to a made-up code — run the suite: codes may not be checked`);
  if (!error) return problem(`${who}: the token endpoint answered without an OAuth error (${said})`, 'check the token endpoint URL (endpoints.token or the metadata\'s token_endpoint)');
  return ok(`${who} authenticated: a made-up code got ${said}`);
}
