/**
 * duplicate-parameter-rejected (AZ-03) — an authorization request with a parameter repeated is refused:
 * an error page, or an error response (invalid_request) at the registered redirect URI. Silently using
 * one of the values and issuing a code fails, whatever the values. Judged on what happened; an error
 * code other than invalid_request is reported in a note.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.1
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1
 */
import type { CheckDefinition } from '../types.js';
import { describeOutcome, refusalOf, repeatedParams, uncreditedRefusal } from '../outcome.js';

export const duplicateParameterRejected: CheckDefinition<'authorization'> = {
  id: 'duplicate-parameter-rejected',
  title: 'An authorization request with a repeated parameter is refused',
  catalog: ['AZ-03'],
  requirements: ['RFC6749-3.1', 'RFC6749-4.1.2.1'],
  level: 'MUST',
  quote: 'Request and response parameters MUST NOT be included more than once. (§3.1) — invalid_request: The request is missing a required parameter, '
    + 'includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed. (§4.1.2.1)',
  on: 'authorization',
  expectsRefusal: true,
  evaluate(e) {
    const repeated = repeatedParams(e.request.url);
    if (!repeated.length) return { holds: 'n/a', reason: 'the request repeated no parameter' };
    const names = repeated.join(', ');
    const expected = `refused (error page, or error=invalid_request) for ${names} sent twice`;
    const actual = describeOutcome(e);
    const r = refusalOf(e);
    if (!r.refused) {
      return { holds: false, expected, actual, message: `the server accepted ${names} sent twice and issued ${r.delivered.join(' and ')} instead of refusing the request` };
    }
    const uncredited = uncreditedRefusal(e);
    if (uncredited) return { holds: 'lenient', expected, actual, message: uncredited };
    const note = r.error && r.error !== 'invalid_request' ? `refused, with error=${r.error} rather than invalid_request (RFC 6749 §4.1.2.1)` : undefined;
    return { holds: true, expected, actual, ...(note ? { note } : {}) };
  },
};
