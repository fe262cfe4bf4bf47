/**
 * access-token-inactive-after-code-replay (TK-02) — after a code is replayed, token introspection
 * (RFC 7662) reports the access token of the first redemption as inactive. The way to see the
 * revocation when the target has no protected resource; skipped when the server advertises no
 * introspection endpoint or refuses to introspect.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.5
 * @see https://www.rfc-editor.org/rfc/rfc7662#section-2.2
 */
import type { CheckDefinition } from '../types.js';

export const accessTokenInactiveAfterCodeReplay: CheckDefinition<'introspection'> = {
  id: 'access-token-inactive-after-code-replay',
  title: 'Introspection reports the tokens issued from a replayed code inactive',
  catalog: ['TK-02'],
  requirements: ['RFC6749-4.1.2', 'RFC6749-10.5', 'RFC7662-2.2'],
  level: 'SHOULD',
  quote: 'If an authorization code is used more than once, the authorization server MUST deny the request and SHOULD revoke (when possible) all tokens previously issued based on that authorization code.',
  on: 'introspection',
  evaluate(e) {
    if (!e.exchange) return { holds: 'n/a', reason: 'the server advertises no introspection_endpoint (RFC 8414 metadata), so introspection cannot tell' };
    const { status, json } = e.exchange.response;
    const active = (json as { active?: unknown } | undefined)?.active;
    const token = e.which === 'refresh_token' ? 'refresh token' : 'access token';
    const expected = '200 with "active": false';
    if (status !== 200 || typeof active !== 'boolean') {
      return { holds: 'n/a', reason: `the introspection endpoint answered ${status}${typeof active === 'boolean' ? '' : ' without a boolean "active"'}: it does not say whether the ${token} lives` };
    }
    const actual = `200 with "active": ${active}`;
    if (active) return { holds: false, expected, actual, message: `introspection reports the ${token} from the first redemption active after the code was replayed` };
    return { holds: true, expected, actual };
  },
};
