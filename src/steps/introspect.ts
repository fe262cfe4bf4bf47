/**
 * introspect — asks the token introspection endpoint (RFC 7662 §2) about a token of an earlier step (or
 * a made-up one), authenticated as the client the token was issued to unless the step says otherwise.
 * A server that advertises no endpoint is recorded as such: the checks on this step then skip, naming
 * what is missing.
 */
import type { IntrospectionEvidence } from '../evidence/types.js';
import { send } from '../drive/http.js';
import type { IntrospectSpec } from '../scenario/schema.js';
import { timeouts, type StepContext } from './context.js';
import { tokenForm, tokenTarget } from './token-target.js';

export async function introspect(spec: IntrospectSpec, ctx: StepContext): Promise<IntrospectionEvidence> {
  const which = spec.which ?? 'access_token';
  const endpoint = ctx.target.endpoints.metadata?.introspection_endpoint;
  // The token is looked up first, so that a step that lacks one says so whatever the server offers.
  const t = await tokenTarget(spec, which, typeof endpoint === 'string' ? endpoint : '', ctx);
  ctx.results[ctx.index] = { kind: 'other' };
  const base = { kind: 'introspection', step: ctx.index, tokenFrom: t.tokenFrom, which, client: t.client, hint: spec.hint ?? 'as-token', variants: t.variants } as const;
  if (typeof endpoint !== 'string') return base;
  const exchange = await send({
    method: 'POST', url: endpoint, headers: t.auth.headers, query: t.auth.query, timeout: timeouts(ctx.target).http, form: tokenForm(t),
  });
  return { ...base, exchange };
}
