/**
 * prompt-none-login-required (ID-08) — an authentication request with prompt=none from a browser with
 * no session at the server shows no login or consent page: it ends with an error response
 * (login_required, or interaction_required / consent_required / account_selection_required) at the
 * client. A login page, or a code, breaks the rule; an error page of the server's instead of the error
 * response is lenient (no page to log in on, but the client is not told).
 * @see https://openid.net/specs/openid-connect-core-1_0.html#rfc.section.3.1.2.1
 * @see https://openid.net/specs/openid-connect-core-1_0.html#rfc.section.3.1.2.6
 */
import type { CheckDefinition } from '../types.js';
import { deliveredGrants, describeOutcome, responseError } from '../outcome.js';

const ERRORS = ['login_required', 'interaction_required', 'consent_required', 'account_selection_required'];

export const promptNoneLoginRequired: CheckDefinition<'authorization'> = {
  id: 'prompt-none-login-required',
  title: 'prompt=none without a session shows no login page and answers login_required',
  catalog: ['ID-08'],
  requirements: ['OIDC-3.1.2.1', 'OIDC-3.1.2.6'],
  level: 'MUST',
  quote: 'The Authorization Server MUST NOT display any authentication or consent user interface pages. An error is returned if an End-User is not already authenticated',
  on: 'authorization',
  expectsRefusal: true,
  freshBrowser: true,
  evaluate(e) {
    if (e.request.params.prompt !== 'none') return { holds: 'n/a', reason: 'the request did not send prompt=none' };
    const expected = `no login or consent page; an error response (${ERRORS.join(', ')}) at the client`;
    const actual = `${describeOutcome(e)}${e.interactions.length ? `, after the pages ${e.interactions.join(', ')}` : ''}`;
    if (e.interactions.length) return { holds: false, expected, actual, message: `the server showed ${e.interactions.join(' and ')} page(s) to a prompt=none request` };
    const delivered = deliveredGrants(e);
    if (delivered.length) return { holds: false, expected, actual, message: `a prompt=none request without a session got ${delivered.join(', ')}` };
    const error = responseError(e);
    if (error && ERRORS.includes(error)) return { holds: true, expected, actual: `error=${error}, no page shown`, refusal: true };
    if (error) return { holds: 'lenient', expected, actual: `error=${error}`, message: `answered with error=${error} instead of login_required (OIDC Core §3.1.2.6)` };
    return { holds: 'lenient', expected, actual, message: 'no page to log in on, but the client got no error response' };
  },
};
