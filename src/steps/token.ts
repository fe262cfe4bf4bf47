/**
 * token — redeems an authorization code at the token endpoint (RFC 6749 §4.1.3), as a client would
 * or with one named manipulation: another client, a bad client authentication, another redirect_uri,
 * a missing, wrong, downgraded or foreign PKCE verifier, repeated parameters, GET, or a race.
 */
import { randomBytes } from 'node:crypto';
import type { TokenEvidence, TokenRaceEvidence } from '../evidence/types.js';
import { HarnessError } from '../harness-error.js';
import type { TokenSpec } from '../scenario/schema.js';
import { REDIRECT_URI_VARIANTS, type RedirectUriVariantName } from '../spec/redirect-uri-variants.js';
import { client, earlier, tokensOf, type AuthorizeResult, type StepContext } from './context.js';
import { missingFrom } from './precondition.js';
import { race } from './race.js';
import { tokenRequest } from './token-request.js';

export async function token(spec: TokenSpec, ctx: StepContext): Promise<TokenEvidence | TokenRaceEvidence> {
  const { index: codeFrom, result: auth } = earlier(ctx, 'authorize', spec.code);
  if (!auth.code) throw missingFrom(ctx, codeFrom, 'an authorization code', { plain: auth.plain, hint: 'a valid request got no code: check the client id, redirect URI and scope in the target profile' });
  const clientKey = spec.client ?? auth.client;
  const variants: string[] = [];
  const redirectUri = redirectUriOf(spec, auth, variants);
  const verifier = verifierOf(spec, auth, ctx, variants);
  if (spec.client && spec.client !== auth.client) variants.push(`client:${spec.client}`);
  const req = tokenRequest(ctx, {
    client: client(ctx, clientKey),
    auth: spec.auth,
    duplicate: spec.duplicate,
    method: spec.method,
    params: [
      ['grant_type', 'authorization_code'],
      ['code', auth.code],
      ...(redirectUri !== undefined ? [['redirect_uri', redirectUri] as [string, string]] : []),
      ...(verifier !== undefined ? [['code_verifier', verifier] as [string, string]] : []),
      ...Object.entries(spec.extra ?? {}),
    ],
  });
  variants.push(...req.variants, ...Object.keys(spec.extra ?? {}).map((k) => `extra:${k}`));

  if (spec.concurrent) {
    const { exchanges, resourceStatuses } = await race(spec.concurrent, req.send, ctx);
    return { kind: 'token-race', step: ctx.index, grant: 'authorization_code', codeFrom, exchanges, resourceStatuses };
  }
  const ex = await req.send();
  const tokens = tokensOf(ctx, ex.response.json);
  ctx.results[ctx.index] = { kind: 'token', client: clientKey, ...tokens, scope: tokens.scope ?? auth.scope, plain: !variants.length && auth.plain };
  return { kind: 'token', step: ctx.index, grant: 'authorization_code', client: clientKey, variants, codeFrom, originalScope: auth.scope, ...ex };
}

function redirectUriOf(spec: TokenSpec, auth: AuthorizeResult, variants: string[]): string | undefined {
  const r = spec.redirect_uri;
  if (r === 'omit') { variants.push('redirect_uri:omit'); return undefined; }
  if (typeof r === 'object') {
    variants.push(`redirect_uri:${r.variant}`);
    return REDIRECT_URI_VARIANTS[r.variant as RedirectUriVariantName].apply(auth.redirectUri ?? '');
  }
  return auth.redirectUri;
}

function verifierOf(spec: TokenSpec, auth: AuthorizeResult, ctx: StepContext, variants: string[]): string | undefined {
  const v = spec.code_verifier;
  if (v === undefined || v === 'as-authorized') return auth.verifier;
  variants.push(`code_verifier:${typeof v === 'object' ? 'other-flow' : v}`);
  if (v === 'omit') return undefined;
  if (v === 'wrong') return randomBytes(32).toString('base64url');
  if (v === 'short') return 'abc';
  if (v === 'challenge') {
    if (!auth.challenge) throw new HarnessError(`step ${ctx.index + 1}: code_verifier: challenge needs an authorize step that sent a PKCE challenge`);
    return auth.challenge;
  }
  const other = earlier(ctx, 'authorize', v.from).result;
  if (!other.verifier) throw new HarnessError(`step ${ctx.index + 1}: step "${v.from}" sent no PKCE verifier`);
  return other.verifier;
}
