/** Reading pushed authorization requests (RFC 9126), shared by the PAR checks. */
import type { ParEvidence } from '../evidence/fapi.js';
import type { AuthorizationEvidence } from '../evidence/types.js';
import type { CheckContext, Judgement } from './types.js';

/** The request_uri a push got, when it got one (2xx with a request_uri string). */
export function issuedRequestUri(e: ParEvidence): string | undefined {
  const body = e.exchange?.response.json as Record<string, unknown> | undefined;
  return e.exchange && e.exchange.response.status < 300 && typeof body?.request_uri === 'string' ? body.request_uri : undefined;
}

/** "201 request_uri issued" / "401 error=invalid_client". */
export function describePush(e: ParEvidence): string {
  const x = e.exchange;
  if (!x) return 'no push (no pushed_authorization_request_endpoint advertised)';
  const body = x.response.json as Record<string, unknown> | undefined;
  if (issuedRequestUri(e)) return `${x.response.status} request_uri issued (expires_in ${JSON.stringify(body?.expires_in)})`;
  return `${x.response.status} ${typeof body?.error === 'string' ? `error=${JSON.stringify(body.error)}` : '(no request_uri, no error)'}`;
}

/** Another push of the same scenario by the same client that got a request_uri: the positive control of a refused push. */
export function validPush(e: ParEvidence, ctx: CheckContext): ParEvidence | undefined {
  return ctx.all.find((x): x is ParEvidence => x.kind === 'par' && x.step !== e.step && x.client === e.client && !x.variants.length && Boolean(issuedRequestUri(x)));
}

/** The push an authorization used the request_uri of. */
export function pushOf(e: AuthorizationEvidence, ctx: CheckContext): ParEvidence | undefined {
  const from = e.pushed?.from;
  return from === undefined ? undefined : ctx.all.find((x): x is ParEvidence => x.kind === 'par' && x.step === from);
}

/** Why a check about the authorization step of a push cannot judge this evidence, if it cannot. */
export function notPushed(e: AuthorizationEvidence, ctx: CheckContext): string | undefined {
  if (!e.pushed) return 'the authorization request carried no request_uri of a push';
  const push = pushOf(e, ctx);
  if (!push?.exchange) return 'the server advertises no pushed_authorization_request_endpoint';
  if (!issuedRequestUri(push)) return `the push was refused (${describePush(push)}): no request_uri to use`;
  return undefined;
}

/**
 * A push with one named manipulation (`auth:…`, `redirect_uri:…`) that must get no request_uri, judged
 * beside a valid push of the same client in the same scenario (the positive control).
 */
export function pushRefused(e: ParEvidence, ctx: CheckContext, prefix: 'auth:' | 'redirect_uri:', o: { expected: string; accepted: (variant: string) => string }): Judgement {
  if (!e.exchange) return { holds: 'n/a', reason: 'the server advertises no pushed_authorization_request_endpoint' };
  const variant = e.variants.find((v) => v.startsWith(prefix))?.slice(prefix.length);
  if (!variant) return { holds: 'n/a', reason: `the push had no ${prefix.slice(0, -1)} manipulation` };
  if (!validPush(e, ctx)) return { holds: 'n/a', reason: `no unmanipulated push of client "${e.client}" got a request_uri in this scenario: a refusal would prove nothing` };
  const actual = describePush(e);
  if (issuedRequestUri(e)) return { holds: false, expected: o.expected, actual, message: o.accepted(variant) };
  return { holds: true, expected: o.expected, actual, refusal: true };
}
