/**
 * Sending a token request with the step's manipulations, shared by the token, refresh and grant
 * steps: client authentication variant, duplicated parameters, GET instead of POST.
 */
import type { HttpExchange } from '../evidence/types.js';
import { send, type Params } from '../drive/http.js';
import type { ClientProfile } from '../target/schema.js';
import { clientAuth, type ClientAuthVariant } from './client-auth.js';
import { timeouts, type StepContext } from './context.js';

export interface TokenRequestSpec {
  client: ClientProfile;
  auth?: ClientAuthVariant;
  params: Params;
  duplicate?: readonly string[];
  method?: 'POST' | 'GET';
}

export function tokenRequest(ctx: StepContext, r: TokenRequestSpec): { send: () => Promise<HttpExchange>; variants: string[] } {
  const get = r.method === 'GET';
  const variants = [
    ...(r.auth && r.auth !== 'as-registered' ? [`auth:${r.auth}`] : []),
    ...(r.duplicate ?? []).map((d) => `duplicate:${d}`),
    ...(get ? ['method:GET'] : []),
  ];
  const url = ctx.target.endpoints.token;
  return {
    variants,
    // Built per request: a client assertion is single-use (its jti), so each send signs a new one.
    send: async () => {
      const auth = await clientAuth(r.client, r.auth, url, (assertion) => ctx.redactor.add(assertion, 'client_assertion'));
      let params: Params = [...r.params, ...auth.form];
      for (const name of r.duplicate ?? []) params = params.flatMap((p) => (p[0] === name ? [p, p] : [p]));
      return send({
        method: get ? 'GET' : 'POST',
        url,
        headers: auth.headers,
        form: get ? undefined : params,
        query: get ? [...params, ...auth.query] : auth.query,
        timeout: timeouts(ctx.target).http,
      });
    },
  };
}
