/**
 * token-redirect-uri-must-match (TK-05) — a code whose authorization request carried a redirect_uri is
 * redeemed with that parameter omitted or changed: no tokens. This is what stops a code leaked through a
 * manipulated redirect URI from being redeemed by the attacker (RFC 6749 §10.6).
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.3
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.6
 */
import type { CheckDefinition } from '../types.js';
import { authorizationOf } from '../related.js';
import { refusedWithoutTokens, sentParam } from '../token-response.js';

export const tokenRedirectUriMustMatch: CheckDefinition<'token'> = {
  id: 'token-redirect-uri-must-match',
  title: 'The token request must carry the redirect_uri of the authorization request, identical',
  catalog: ['TK-05'],
  requirements: ['RFC6749-4.1.3', 'RFC6749-10.6'],
  level: 'MUST',
  quote: 'ensure that the "redirect_uri" parameter is present if the "redirect_uri" parameter was included in the initial authorization request as described in Section 4.1.1, and if included ensure that their values are identical.',
  on: 'token',
  evaluate(e, ctx) {
    const authorized = authorizationOf(e, ctx)?.request.params.redirect_uri;
    if (authorized === undefined) return { holds: 'n/a', reason: 'the authorization request carried no redirect_uri' };
    const sent = sentParam(e, 'redirect_uri');
    if (sent === authorized) return { holds: 'n/a', reason: 'the token request carried the authorized redirect_uri' };
    const what = sent === undefined ? 'without the redirect_uri of the authorization request' : `with redirect_uri=${sent} instead of ${authorized}`;
    return refusedWithoutTokens(e, { expectedError: 'invalid_grant', accepted: `the code was redeemed ${what}, and tokens were issued` });
  },
};
