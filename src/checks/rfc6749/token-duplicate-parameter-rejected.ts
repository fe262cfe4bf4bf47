/**
 * token-duplicate-parameter-rejected (TK-11) — a token request with a parameter repeated (the scenario
 * sends `code` twice, same value) is refused with invalid_request rather than silently picking one.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.2
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.2
 */
import type { CheckDefinition } from '../types.js';
import { refusedWithoutTokens, requestParams } from '../token-response.js';

export const tokenDuplicateParameterRejected: CheckDefinition<'token'> = {
  id: 'token-duplicate-parameter-rejected',
  title: 'A token request with a repeated parameter is refused',
  catalog: ['TK-11'],
  requirements: ['RFC6749-3.2', 'RFC6749-5.2'],
  level: 'MUST',
  quote: 'Request and response parameters MUST NOT be included more than once.',
  on: 'token',
  evaluate(e) {
    const names = requestParams(e).body.map(([k]) => k);
    const repeated = [...new Set(names.filter((k, i) => names.indexOf(k) !== i))];
    if (!repeated.length) return { holds: 'n/a', reason: 'no parameter was repeated in the request body' };
    return refusedWithoutTokens(e, {
      expectedError: 'invalid_request',
      accepted: `the server accepted a token request with ${repeated.join(', ')} repeated and issued tokens, instead of invalid_request`,
    });
  },
};
