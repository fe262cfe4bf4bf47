/**
 * state-echoed (AR-01) — the authorization response, success or error, carries the client's `state`
 * byte for byte. Ambient: judged on every authorization response that reaches the client.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1
 */
import type { CheckDefinition } from '../types.js';
import { deniedWithoutError, repeatedParams, responseParams } from '../outcome.js';

export const stateEchoed: CheckDefinition<'authorization'> = {
  id: 'state-echoed',
  title: 'The state parameter is returned exactly as sent',
  catalog: ['AR-01'],
  requirements: ['RFC6749-4.1.2', 'RFC6749-4.1.2.1'],
  level: 'MUST',
  quote: 'state: REQUIRED if the "state" parameter was present in the client authorization request. The exact value received from the client.',
  on: 'authorization',
  ambient: (e) => e.sentState !== undefined && e.outcome.type === 'redirect' && e.outcome.target === 'registered' && !repeatedParams(e.request.url).includes('state'),
  evaluate(e) {
    const params = responseParams(e);
    if (e.sentState === undefined) return { holds: 'n/a', reason: 'the request carried no state' };
    // A request with two state values has no single value to echo; refusing it is the point (AZ-03).
    if (repeatedParams(e.request.url).includes('state')) return { holds: 'n/a', reason: 'the request repeated state on purpose' };
    if (!params) return { holds: 'n/a', reason: 'no authorization response reached the client' };
    // A request the user denied is about the error response: a success instead is another rule's finding.
    const notAnError = deniedWithoutError(e);
    if (notAnError) return { holds: 'n/a', reason: notAnError };
    const kind = params.error ? `error response (error=${params.error[0]})` : 'success response';
    const expected = `state=${JSON.stringify(e.sentState)}`;
    const got = params.state;
    if (!got) return { holds: false, expected, actual: `no state in the ${kind}`, message: `state missing from the ${kind}` };
    if (got.length > 1) return { holds: false, expected, actual: `state repeated ${got.length} times`, message: `state repeated in the ${kind}` };
    if (got[0] !== e.sentState) {
      return { holds: false, expected, actual: `state=${JSON.stringify(got[0])}`, message: `unexpected state value in the ${kind}` };
    }
    return { holds: true, expected, actual: `identical, in the ${kind}` };
  },
};
