/**
 * pkce-unsupported-method-rejected (PK-08) — an authorization request with a code_challenge_method the
 * server does not support (the scenario sends S512) is refused with invalid_request: no code. Issuing a
 * code anyway means the challenge is checked some other way than the client asked, or not at all.
 * A refusal with another error code is lenient (reported at SHOULD): no code was issued.
 * @see https://www.rfc-editor.org/rfc/rfc7636#section-4.4.1
 */
import type { CheckDefinition } from '../types.js';
import { describeOutcome, refusalOf, uncreditedRefusal } from '../outcome.js';

const SUPPORTED_ANYWHERE = new Set(['S256', 'plain']);

export const pkceUnsupportedMethodRejected: CheckDefinition<'authorization'> = {
  id: 'pkce-unsupported-method-rejected',
  title: 'An unsupported code_challenge_method is refused with invalid_request',
  catalog: ['PK-08'],
  requirements: ['RFC7636-4.4.1'],
  level: 'MUST',
  quote: 'If the server supporting PKCE does not support the requested transformation, the authorization endpoint MUST return the authorization error response with "error" value set to "invalid_request".',
  on: 'authorization',
  expectsRefusal: true,
  evaluate(e) {
    const method = e.request.params.code_challenge_method;
    if (!method || SUPPORTED_ANYWHERE.has(method)) return { holds: 'n/a', reason: 'the request used no code_challenge_method, or one RFC 7636 defines' };
    const expected = 'error=invalid_request at the registered redirect URI (or an error page); no code';
    const actual = describeOutcome(e);
    const r = refusalOf(e);
    if (!r.refused) return { holds: false, expected, actual, message: `code_challenge_method=${method} is not defined, yet the server issued ${r.delivered.join(' and ')}` };
    const uncredited = uncreditedRefusal(e);
    if (uncredited) return { holds: 'lenient', expected, actual, message: uncredited };
    if (r.error && r.error !== 'invalid_request') {
      return { holds: 'lenient', expected, actual, message: `refused with error=${r.error} instead of invalid_request` };
    }
    return { holds: true, expected, actual };
  },
};
