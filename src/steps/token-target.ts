/**
 * What the introspect and revoke steps send: a token of an earlier step (or a made-up one), the
 * token_type_hint, and the client that asks, authenticated as the step says.
 */
import { randomBytes } from 'node:crypto';
import type { Params } from '../drive/http.js';
import type { TokenTypeHint } from '../evidence/types.js';
import { clientAuth, type ClientAuthParts, type ClientAuthVariant } from './client-auth.js';
import { client, earlier, type StepContext } from './context.js';
import { missingFrom } from './precondition.js';

export type Which = 'access_token' | 'refresh_token' | 'bogus';

export interface TokenTarget {
  token: string;
  tokenFrom?: number;
  /** The client the token was issued to. */
  tokenClient?: string;
  /** The client that asks, and how it authenticates. */
  client: string;
  auth: ClientAuthParts;
  hint?: string;
  variants: string[];
}

const UNKNOWN_HINT = 'urn:oauth-conformance:unknown-token-type';

export async function tokenTarget(
  spec: { token?: string; which?: Which; client?: string; auth?: ClientAuthVariant; hint?: TokenTypeHint },
  which: Which, endpoint: string, ctx: StepContext,
): Promise<TokenTarget> {
  let token: string;
  let tokenFrom: number | undefined;
  let tokenClient: string | undefined;
  if (which === 'bogus') {
    token = randomBytes(32).toString('base64url');
  } else {
    const pick = (r: { accessToken?: string; refreshToken?: string }) => (which === 'access_token' ? r.accessToken : r.refreshToken);
    const found = earlier(ctx, 'token', spec.token, (r) => Boolean(pick(r)));
    const value = pick(found.result);
    if (!value) throw missingFrom(ctx, found.index, which === 'access_token' ? 'an access token' : 'a refresh token', { plain: found.result.plain });
    token = value;
    tokenFrom = found.index;
    tokenClient = found.result.client;
  }
  const asker = spec.client ?? tokenClient ?? 'confidential';
  const variant = spec.auth ?? 'as-registered';
  const auth = await clientAuth(client(ctx, asker), variant, endpoint, (assertion) => ctx.redactor.add(assertion, 'client_assertion'));
  const hintKind = spec.hint ?? 'as-token';
  const own = which === 'refresh_token' ? 'refresh_token' : 'access_token';
  const hint = hintKind === 'omit' ? undefined : hintKind === 'unknown' ? UNKNOWN_HINT
    : hintKind === 'wrong' ? (own === 'access_token' ? 'refresh_token' : 'access_token') : own;
  const variants = [
    ...(variant !== 'as-registered' ? [`auth:${variant}`] : []),
    ...(tokenClient && asker !== tokenClient ? [`client:${asker}`] : []),
    ...(hintKind !== 'as-token' ? [`hint:${hintKind}`] : []),
  ];
  return { token, tokenFrom, tokenClient, client: asker, auth, hint, variants };
}

/** The form of an introspection or revocation request (RFC 7662 §2.1, RFC 7009 §2.1). */
export function tokenForm(t: TokenTarget): Params {
  return [['token', t.token], ...(t.hint !== undefined ? [['token_type_hint', t.hint] as [string, string]] : []), ...t.auth.form];
}
