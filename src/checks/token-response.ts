/** Reading token endpoint responses, shared by the checks that judge them. */
import type { HttpExchange } from '../evidence/types.js';
import type { Judgement } from './types.js';

export function issuedAccessToken(e: HttpExchange): string | undefined {
  const body = e.response.json as Record<string, unknown> | undefined;
  return e.response.status >= 200 && e.response.status < 300 && typeof body?.access_token === 'string' ? body.access_token : undefined;
}

export function errorCode(e: HttpExchange): string | undefined {
  const body = e.response.json as Record<string, unknown> | undefined;
  return typeof body?.error === 'string' ? body.error : undefined;
}

/** "400 invalid_grant" / "200 access_token issued" / "500 (no JSON body)". */
export function describeTokenResponse(e: HttpExchange): string {
  if (issuedAccessToken(e)) return `${e.response.status} access_token issued`;
  const code = errorCode(e);
  if (code) return `${e.response.status} error=${code}`;
  return `${e.response.status} (${e.response.json === undefined ? 'no JSON body' : 'no access_token, no error'})`;
}

// --- Token requests and responses in detail (token endpoint, token response and refresh checks) ---

/** The JSON object of a token response, when it is one. */
export function tokenBody(e: HttpExchange): Record<string, unknown> | undefined {
  const j = e.response.json;
  return j && typeof j === 'object' && !Array.isArray(j) ? (j as Record<string, unknown>) : undefined;
}

/** The refresh token a successful response issued. */
export function issuedRefreshToken(e: HttpExchange): string | undefined {
  const body = tokenBody(e);
  return issuedAccessToken(e) && typeof body?.refresh_token === 'string' ? body.refresh_token : undefined;
}

/** A header of a request or response, whatever the case of its name. */
export function headerOf(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : headers[key];
}

/** The parameters a token request carried, in its body and in its URL query, repeated names kept. */
export function requestParams(e: HttpExchange): { body: [string, string][]; query: [string, string][] } {
  const q = e.request.url.indexOf('?');
  return {
    body: [...new URLSearchParams(e.request.body ?? '')],
    query: q < 0 ? [] : [...new URLSearchParams(e.request.url.slice(q + 1).split('#')[0])],
  };
}

/** The value of a token request parameter (body first, then query). */
export function sentParam(e: HttpExchange, name: string): string | undefined {
  const { body, query } = requestParams(e);
  return (body.find(([k]) => k === name) ?? query.find(([k]) => k === name))?.[1];
}

/** The request authenticated the client with HTTP Basic (RFC 6749 §2.3.1). */
export function usedBasicAuth(e: HttpExchange): boolean {
  return /^basic\s/i.test(headerOf(e.request.headers, 'authorization') ?? '');
}

/** The request carried a client secret somewhere (Basic, body or query): not a public client's request. */
export function presentedClientCredentials(e: HttpExchange): boolean {
  return usedBasicAuth(e) || sentParam(e, 'client_secret') !== undefined || sentParam(e, 'client_assertion') !== undefined;
}

/** The `auth:` variant a token step used (`wrong-secret`, `none`, ...), if any. */
export function authVariant(e: { variants?: string[] }): string | undefined {
  return e.variants?.find((v) => v.startsWith('auth:'))?.slice('auth:'.length);
}

/**
 * A request the server should refuse, judged on what happened: no access token issued. The error code
 * is reported beside it (a note), never failed here: the error format is its own check (TK-13).
 */
export function refusedWithoutTokens(
  e: HttpExchange,
  o: { expectedError: string; accepted: string; lenient?: boolean },
): Judgement {
  // invalid_client may come with 400 or 401 (401 is required only after Basic: TK-12 judges that).
  const expected = `no tokens; ${o.expectedError === 'invalid_client' ? '' : '400 '}error=${o.expectedError}`;
  const actual = describeTokenResponse(e);
  if (issuedAccessToken(e)) return { holds: o.lenient ? 'lenient' : false, expected, actual, message: o.accepted };
  const code = errorCode(e);
  const note = code === o.expectedError ? undefined : `rejected, but with ${code ? `error=${code}` : 'no error code'} instead of ${o.expectedError} (RFC 6749 §5.2)`;
  return { holds: true, expected, actual, note, refusal: true };
}
