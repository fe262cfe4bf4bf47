/**
 * implicit-no-refresh-token (TR-06) — where the implicit grant is offered, its front-channel response
 * carries no refresh token. Needs the `implicit` feature; a refused implicit request is n/a.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.2.2
 */
import type { CheckDefinition } from '../types.js';
import { describeOutcome } from '../outcome.js';

export const implicitNoRefreshToken: CheckDefinition<'authorization'> = {
  id: 'implicit-no-refresh-token',
  title: 'The implicit grant issues no refresh token',
  catalog: ['TR-06'],
  requirements: ['RFC6749-4.2.2'],
  level: 'MUST',
  quote: 'The authorization server MUST NOT issue a refresh token.',
  on: 'authorization',
  evaluate(e) {
    const o = e.outcome;
    if (o.type !== 'redirect' || !(o.fragment.access_token || o.query.access_token)) {
      return { holds: 'n/a', reason: 'no access token was issued in the front channel: the implicit grant was not used' };
    }
    const expected = 'access_token without refresh_token';
    const actual = describeOutcome(e);
    if (o.fragment.refresh_token || o.query.refresh_token) {
      return { holds: false, expected, actual: 'a refresh_token in the implicit response', message: 'the implicit grant response carries a refresh token' };
    }
    return { holds: true, expected, actual: 'access_token, no refresh_token' };
  },
};
