/**
 * authorization-code-granted (AZ-01) — a valid code-flow authorization request, sent by GET as every
 * client does, ends at the client's registered redirect URI with an authorization code after the user
 * logs in and consents. The baseline the parameter-handling checks stand on.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.1
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2
 */
import type { CheckDefinition } from '../types.js';
import { describeOutcome, responseError } from '../outcome.js';

export const authorizationCodeGranted: CheckDefinition<'authorization'> = {
  id: 'authorization-code-granted',
  title: 'A valid authorization request by GET yields a code at the registered redirect URI',
  catalog: ['AZ-01'],
  requirements: ['RFC6749-3.1', 'RFC6749-4.1.2'],
  level: 'MUST',
  quote: 'The authorization server MUST support the use of the HTTP "GET" method [RFC2616] for the authorization endpoint and MAY support the use of the "POST" method as well.',
  on: 'authorization',
  evaluate(e) {
    if (e.consent === 'deny') return { holds: 'n/a', reason: 'the user denied consent: no code is due' };
    if (e.request.params.response_type !== 'code') return { holds: 'n/a', reason: `response_type=${e.request.params.response_type ?? '(none)'} is not the code flow` };
    const method = e.chain[0]?.method ?? 'GET';
    const expected = `a code at the registered redirect URI (request sent by ${method})`;
    const actual = describeOutcome(e);
    const o = e.outcome;
    if (o.type === 'redirect' && o.target === 'registered' && (o.query.code || o.fragment.code)) return { holds: true, expected, actual };
    const error = responseError(e);
    const why = o.type === 'error-page' ? 'an error page' : error ? `error=${error}` : 'a redirect without a code';
    return { holds: false, expected, actual, message: `a valid authorization request by ${method} ended with ${why}` };
  },
};
