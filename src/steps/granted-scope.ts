/**
 * What scope an access token really carries, asked of the server rather than read off the token
 * response: RFC 7662 introspection when the metadata advertises an endpoint (the client authenticates
 * as registered), else the protected resource when it reports a `scope`. Used where a token response
 * omitted `scope` and a rule must not guess (refresh-scope-not-escalated). Undefined when neither says.
 * @see https://www.rfc-editor.org/rfc/rfc7662#section-2.2
 */
import { send } from '../drive/http.js';
import { clientAuth } from './client-auth.js';
import { client, timeouts, type StepContext } from './context.js';

export interface GrantedScope { scope: string; source: string }

export async function grantedScope(ctx: StepContext, clientKey: string, accessToken: string): Promise<GrantedScope | undefined> {
  const timeout = timeouts(ctx.target).http;
  const scopeOf = (j: unknown) => (j && typeof j === 'object' && typeof (j as Record<string, unknown>).scope === 'string' ? (j as { scope: string }).scope : undefined);
  const introspection = ctx.target.endpoints.metadata?.introspection_endpoint;
  try {
    if (typeof introspection === 'string' && introspection) {
      const auth = await clientAuth(client(ctx, clientKey), 'as-registered', introspection, (a) => ctx.redactor.add(a, 'client_assertion'));
      const ex = await send({ method: 'POST', url: introspection, headers: auth.headers, form: [['token', accessToken], ['token_type_hint', 'access_token'], ...auth.form], timeout });
      const j = ex.response.json as Record<string, unknown> | undefined;
      const scope = scopeOf(j);
      if (ex.response.status === 200 && j?.active === true && scope !== undefined) return { scope, source: `introspection (${introspection})` };
    }
    if (ctx.target.resource) {
      const ex = await send({ method: 'GET', url: ctx.target.resource, headers: { authorization: `Bearer ${accessToken}` }, timeout });
      const scope = scopeOf(ex.response.json);
      if (ex.response.status === 200 && scope !== undefined) return { scope, source: `the protected resource (${ctx.target.resource})` };
    }
  } catch {
    // An endpoint that does not answer confirms nothing; the rule then says it could not confirm.
  }
  return undefined;
}
