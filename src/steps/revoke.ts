/**
 * revoke — asks the token revocation endpoint (RFC 7009 §2.1) to revoke a token of an earlier step (or a
 * made-up one), authenticated as the token's client unless the step says otherwise. A server that
 * advertises no `revocation_endpoint` makes the scenario not applicable, naming what is missing.
 */
import type { RevocationEvidence } from '../evidence/types.js';
import { send } from '../drive/http.js';
import { NotApplicable } from '../harness-error.js';
import type { RevokeSpec } from '../scenario/schema.js';
import { timeouts, type StepContext } from './context.js';
import { tokenForm, tokenTarget } from './token-target.js';

export async function revoke(spec: RevokeSpec, ctx: StepContext): Promise<RevocationEvidence> {
  const which = spec.which ?? 'refresh_token';
  const endpoint = ctx.target.endpoints.metadata?.revocation_endpoint;
  if (typeof endpoint !== 'string') throw new NotApplicable('the server advertises no revocation_endpoint (RFC 8414 metadata): token revocation (RFC 7009) cannot be tried');
  const t = await tokenTarget(spec, which, endpoint, ctx);
  ctx.results[ctx.index] = { kind: 'other' };
  const exchange = await send({
    method: 'POST', url: endpoint, headers: t.auth.headers, query: t.auth.query, timeout: timeouts(ctx.target).http, form: tokenForm(t),
  });
  return {
    kind: 'revocation', step: ctx.index, client: t.client, tokenFrom: t.tokenFrom, tokenClient: t.tokenClient, which,
    hint: spec.hint ?? 'as-token', variants: t.variants, sentToken: t.token, ...exchange,
  };
}
