/** Reading token endpoint responses, shared by the checks that judge them. */
import type { HttpExchange } from '../evidence/types.js';

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
