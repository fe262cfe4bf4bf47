/**
 * response-type-invalid-rejected (AZ-05) — an authorization request without `response_type`, or with one
 * the server cannot understand (`foo`), gets an error: an error response (invalid_request /
 * unsupported_response_type) at the registered redirect URI, or an error page. Issuing anything fails.
 * The error code is reported in a note when it is another one.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.1.1
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1
 */
import type { CheckDefinition } from '../types.js';
import { describeOutcome, refusalOf, uncreditedRefusal } from '../outcome.js';

const MEMBERS = new Set(['code', 'token', 'id_token', 'none']);

export const responseTypeInvalidRejected: CheckDefinition<'authorization'> = {
  id: 'response-type-invalid-rejected',
  title: 'A missing or unknown response_type gets an error',
  catalog: ['AZ-05'],
  requirements: ['RFC6749-3.1.1', 'RFC6749-4.1.2.1'],
  level: 'MUST',
  quote: 'If an authorization request is missing the "response_type" parameter, or if the response type is not understood, the authorization server '
    + 'MUST return an error response as described in Section 4.1.2.1.',
  on: 'authorization',
  expectsRefusal: true,
  evaluate(e) {
    const rt = e.request.params.response_type;
    const missing = rt === undefined || rt === '';
    if (!missing && rt.split(' ').every((m) => MEMBERS.has(m))) return { holds: 'n/a', reason: `response_type=${rt} is a defined response type` };
    const sent = missing ? 'no response_type' : `response_type=${rt}`;
    const wanted = missing ? 'invalid_request' : 'unsupported_response_type';
    const expected = `an error (error=${wanted}, or an error page) for ${sent}; nothing issued`;
    const actual = describeOutcome(e);
    const r = refusalOf(e);
    if (!r.refused) return { holds: false, expected, actual, message: `the server issued ${r.delivered.join(' and ')} for a request with ${sent}` };
    const uncredited = uncreditedRefusal(e);
    if (uncredited) return { holds: 'lenient', expected, actual, message: uncredited };
    const note = r.error && !['invalid_request', 'unsupported_response_type'].includes(r.error) ? `refused, with error=${r.error} rather than ${wanted}` : undefined;
    return { holds: true, expected, actual, ...(note ? { note } : {}) };
  },
};
