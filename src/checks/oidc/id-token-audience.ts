/**
 * id-token-audience (ID-03) — the ID token's `aud` contains the client_id of the client it was issued
 * to (the one that redeemed the code); with several audiences, `azp` names that client.
 * @see https://openid.net/specs/openid-connect-core-1_0.html#rfc.section.2
 * @see https://openid.net/specs/openid-connect-core-1_0.html#rfc.section.3.1.3.7
 */
import type { CheckDefinition } from '../types.js';
import { clientIdOf, idTokenClaims } from '../jwt.js';

export const idTokenAudience: CheckDefinition<'token'> = {
  id: 'id-token-audience',
  title: 'The ID token\'s aud contains the client_id it was issued to',
  catalog: ['ID-03'],
  requirements: ['OIDC-2', 'OIDC-3.1.3.7'],
  level: 'MUST',
  quote: 'aud REQUIRED. Audience(s) that this ID Token is intended for. It MUST contain the OAuth 2.0 client_id of the Relying Party as an audience value.',
  on: 'token',
  evaluate(e) {
    const t = idTokenClaims(e);
    if ('reason' in t) return { holds: 'n/a', reason: t.reason };
    const clientId = clientIdOf(e);
    if (!clientId) return { holds: 'n/a', reason: 'the token request named no client_id the harness can read' };
    const aud = t.jwt.claims.aud;
    const list = Array.isArray(aud) ? aud : aud === undefined ? [] : [aud];
    const expected = `aud containing ${JSON.stringify(clientId)}`;
    const actual = aud === undefined ? 'no aud claim' : `aud ${JSON.stringify(aud)}${t.jwt.claims.azp !== undefined ? `, azp ${JSON.stringify(t.jwt.claims.azp)}` : ''}`;
    if (!list.includes(clientId)) return { holds: false, expected, actual, message: 'the ID token is not addressed to the client it was issued to' };
    if (list.length > 1 && t.jwt.claims.azp !== clientId) {
      return { holds: 'lenient', expected: `${expected}, and azp ${JSON.stringify(clientId)} with several audiences`, actual, message: 'an ID token with several audiences should name the client in azp (OIDC Core §2)' };
    }
    return { holds: true, expected, actual };
  },
};
