/**
 * redirect-uri-rejected (RU-01/04/06/12, RU-18) — an authorization request whose redirect_uri is not
 * exactly a registered one is refused on the server's own page; the browser is never sent to the
 * manipulated URI, not even with an error. Sending the user to the registered URI instead, ignoring the
 * bad value, is lenient: reported as such at SHOULD.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.1.2.3
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.1.3
 */
import type { CheckDefinition } from '../types.js';
import { describeOutcome } from '../outcome.js';

export const redirectUriRejected: CheckDefinition<'authorization'> = {
  id: 'redirect-uri-rejected',
  title: 'A redirect_uri that is not exactly a registered one is refused without redirecting',
  catalog: ['RU-01', 'RU-04', 'RU-06', 'RU-12', 'RU-18'],
  requirements: ['RFC6749-3.1.2.3', 'RFC6749-4.1.2.1', 'RFC9700-4.1.3'],
  level: 'MUST',
  quote: 'the authorization server SHOULD inform the resource owner of the error and MUST NOT automatically redirect the user-agent to the invalid redirection URI.',
  on: 'authorization',
  expectsRefusal: true,
  evaluate(e) {
    const sent = e.redirectUri?.value ?? '(none)';
    const expected = `an error page at the authorization server; no navigation to ${sent}`;
    const actual = describeOutcome(e);
    const o = e.outcome;
    if (o.type === 'error-page') return { holds: true, expected, actual };
    if (o.target === 'requested' || o.target === 'other') {
      const error = o.query.error?.[0] ?? o.fragment.error?.[0];
      const what = o.query.code || o.fragment.code ? 'with an authorization code' : error ? `with error=${error}` : '';
      return { holds: false, expected, actual, message: `the browser was redirected to the manipulated redirect_uri ${sent} ${what}`.trim() };
    }
    return {
      holds: 'lenient', expected, actual,
      message: `the server ignored the manipulated redirect_uri and redirected to the registered one (${e.redirectUri?.registered}); not exploitable as such, but not an exact match either`,
    };
  },
};
