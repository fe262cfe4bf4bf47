/**
 * unregistered-response-type-refused (DG-03) — a client registered for the code flow only that asks
 * for another response type (`token`, `id_token`, `code token`) gets an error (unauthorized_client or
 * unsupported_response_type, or an error page), never a token. The scenario's client must be registered
 * for `code` only (the profile's `confidential` client is assumed to be). Judged on what happened; the
 * error code is reported in a note when it is another one.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.1.1
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.2.2.1
 */
import type { CheckDefinition } from '../types.js';
import { describeOutcome, refusalOf, uncreditedRefusal } from '../outcome.js';

export const unregisteredResponseTypeRefused: CheckDefinition<'authorization'> = {
  id: 'unregistered-response-type-refused',
  title: 'A code-only client asking for another response type is refused',
  catalog: ['DG-03'],
  requirements: ['RFC6749-3.1.1', 'RFC6749-4.2.2.1'],
  level: 'MUST',
  quote: 'unauthorized_client: The client is not authorized to request an access token using this method. unsupported_response_type: The authorization '
    + 'server does not support obtaining an access token using this method. (§4.2.2.1)',
  on: 'authorization',
  expectsRefusal: true,
  evaluate(e) {
    const rt = e.request.params.response_type ?? '';
    if (rt === 'code' || rt === '') return { holds: 'n/a', reason: `response_type=${rt || '(none)'} is not a response type other than code` };
    const expected = `refused (error=unauthorized_client / unsupported_response_type, or an error page) for response_type=${rt}`;
    const actual = describeOutcome(e);
    const r = refusalOf(e);
    if (!r.refused) return { holds: false, expected, actual, message: `the code-only client ${e.client} asked for response_type=${rt} and got ${r.delivered.join(' and ')}` };
    const uncredited = uncreditedRefusal(e);
    if (uncredited) return { holds: 'lenient', expected, actual, message: uncredited };
    const note = r.error && !['unauthorized_client', 'unsupported_response_type'].includes(r.error) ? `refused, with error=${r.error}` : undefined;
    return { holds: true, expected, actual, ...(note ? { note } : {}) };
  },
};
