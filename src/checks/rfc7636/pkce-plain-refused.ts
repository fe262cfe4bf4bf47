/**
 * pkce-plain-refused (PK-10) — an authorization request with code_challenge_method=plain is refused.
 * A plain challenge is the verifier itself: whoever sees the authorization request can redeem the code.
 * RFC 9700 tells clients to prefer S256 and OAuth 2.1 requires S256 when the client can use it; a server
 * that refuses plain enforces that (SHOULD; MAY under RFC 6749, which predates PKCE).
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-2.1.1
 * @see https://www.rfc-editor.org/rfc/rfc7636#section-4.2
 */
import type { CheckDefinition } from '../types.js';
import { describeOutcome, refusalOf, uncreditedRefusal } from '../outcome.js';

export const pkcePlainRefused: CheckDefinition<'authorization'> = {
  id: 'pkce-plain-refused',
  title: 'The plain code_challenge_method is refused',
  catalog: ['PK-10'],
  requirements: ['RFC9700-2.1.1', 'RFC7636-4.2'],
  level: { default: 'SHOULD', rfc6749: 'MAY', fapi2: 'MUST' }, // FAPI 2.0 §5.3.2.2: shall require PKCE with S256
  quote: 'When using PKCE, clients SHOULD use PKCE code challenge methods that do not expose the PKCE verifier in the authorization request. […] Currently, S256 is the only such method.',
  on: 'authorization',
  expectsRefusal: true,
  evaluate(e) {
    if (e.request.params.code_challenge_method !== 'plain') return { holds: 'n/a', reason: 'the request did not use code_challenge_method=plain' };
    if (e.consent === 'deny') return { holds: 'n/a', reason: 'the user denied consent: no code was due anyway' };
    const expected = 'error=invalid_request (or an error page); no code for a plain challenge';
    const actual = describeOutcome(e);
    const r = refusalOf(e);
    if (!r.refused) return { holds: false, expected, actual, message: `the server accepted code_challenge_method=plain and issued ${r.delivered.join(' and ')}: the challenge exposes the verifier` };
    const uncredited = uncreditedRefusal(e);
    if (uncredited) return { holds: 'lenient', expected, actual, message: uncredited };
    return { holds: true, expected, actual };
  },
};
