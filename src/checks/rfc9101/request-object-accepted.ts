/**
 * request-object-accepted (JR-01) — a request object signed by the client with its registered key
 * (`request=`) is accepted: the code reaches the registered redirect URI with the object's `state`.
 * The positive control of the other JAR rules: a server that refuses every request object refuses the
 * forged ones too, and proves nothing by it.
 * @see https://www.rfc-editor.org/rfc/rfc9101#section-5
 * @see https://www.rfc-editor.org/rfc/rfc9101#section-6.3
 */
import type { CheckDefinition } from '../types.js';
import { describeOutcome, responseParams } from '../outcome.js';

export const requestObjectAccepted: CheckDefinition<'authorization'> = {
  id: 'request-object-accepted',
  title: 'A request object signed with the client\'s key is accepted and its parameters used',
  catalog: ['JR-01'],
  requirements: ['RFC9101-5', 'RFC9101-6.3'],
  level: 'MUST',
  quote: 'The authorization server MUST extract the set of Authorization Request parameters from the Request Object value.',
  on: 'authorization',
  evaluate(e) {
    const ro = e.requestObject;
    if (ro?.variant !== 'signed') return { holds: 'n/a', reason: 'the request sent no validly signed request object' };
    const params = responseParams(e);
    const state = ro.claims.state;
    const expected = 'a code at the registered redirect URI, with the request object\'s state';
    const actual = describeOutcome(e);
    if (e.outcome.type !== 'redirect' || e.outcome.target !== 'registered' || !params?.code) {
      const error = params?.error?.[0];
      return { holds: false, expected, actual: error ? `error=${error}` : actual, message: 'the server did not accept a request object signed with the client\'s registered key' };
    }
    if (state !== undefined && params.state?.[0] !== state) return { holds: false, expected, actual: 'a code, but not the request object\'s state', message: 'the server did not use the state of the request object' };
    return { holds: true, expected, actual: 'a code, with the request object\'s state' };
  },
};
