/** grant — a token request without the browser: password (with the profile's test user) or client_credentials. */
import type { TokenEvidence } from '../evidence/types.js';
import { NotApplicable } from '../harness-error.js';
import type { GrantSpec } from '../scenario/schema.js';
import { client, tokensOf, type StepContext } from './context.js';
import { tokenRequest } from './token-request.js';

export async function grant(spec: GrantSpec, ctx: StepContext): Promise<TokenEvidence> {
  const { user } = ctx.target.profile;
  // Made-up credentials would be refused whether or not the grant is offered: nothing to judge.
  if (spec.type === 'password' && !user) throw new NotApplicable('the password grant needs the test user\'s real credentials, and the target profile has no `user`');
  const params: [string, string][] = spec.type === 'password'
    ? [['grant_type', 'password'], ['username', user!.username], ['password', user!.password]]
    : [['grant_type', 'client_credentials']];
  if (spec.scope) params.push(['scope', spec.scope]);
  const req = tokenRequest(ctx, { client: client(ctx, spec.client), auth: spec.auth, params });
  const ex = await req.send();
  ctx.results[ctx.index] = { kind: 'token', client: spec.client, ...tokensOf(ctx, ex.response.json) };
  return { kind: 'token', step: ctx.index, grant: spec.type, client: spec.client, variants: req.variants, ...ex };
}
