/**
 * unknown-parameters-ignored (AZ-02) — an authorization request carrying parameters the server does not
 * know (the scenario adds them, e.g. `foo=bar`) completes as if they were absent: a code at the
 * registered redirect URI. Refusing the request over them fails.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.1
 */
import type { CheckDefinition } from '../types.js';
import { describeOutcome, responseError } from '../outcome.js';

/** Authorization request parameters of RFC 6749, RFC 7636, RFC 9207 context, OpenID Connect and common extensions. */
const KNOWN = new Set([
  'response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method', 'response_mode', 'nonce', 'prompt',
  'max_age', 'ui_locales', 'id_token_hint', 'login_hint', 'acr_values', 'display', 'claims', 'request', 'request_uri', 'resource', 'authorization_details',
]);

export const unknownParametersIgnored: CheckDefinition<'authorization'> = {
  id: 'unknown-parameters-ignored',
  title: 'Unrecognized authorization request parameters are ignored',
  catalog: ['AZ-02'],
  requirements: ['RFC6749-3.1'],
  level: 'MUST',
  quote: 'The authorization server MUST ignore unrecognized request parameters.',
  on: 'authorization',
  evaluate(e) {
    const unknown = Object.keys(e.request.params).filter((k) => !KNOWN.has(k));
    if (!unknown.length) return { holds: 'n/a', reason: 'the request carried no unrecognized parameter' };
    if (e.consent === 'deny') return { holds: 'n/a', reason: 'the user denied consent: no code is due' };
    const names = unknown.join(', ');
    const expected = `a code at the registered redirect URI, ${names} ignored`;
    const actual = describeOutcome(e);
    const o = e.outcome;
    if (o.type === 'redirect' && o.target === 'registered' && (o.query.code || o.fragment.code)) return { holds: true, expected, actual };
    const error = responseError(e);
    const why = o.type === 'error-page' ? 'an error page' : error ? `error=${error}` : 'a redirect without a code';
    return { holds: false, expected, actual, message: `a valid request with the unrecognized parameter(s) ${names} ended with ${why}` };
  },
};
