/**
 * redirect-uri-required (AZ-09) — a client with several registered redirect URIs must name one: an
 * authorization request without `redirect_uri` is refused on the server's own page. Picking one of the
 * registered URIs and sending a code there fails; sending only an error there is lenient, and so is a server
 * error (5xx) or empty page instead of a refusal (outcome.ts uncreditedRefusal). The check
 * cannot see how many URIs the client registered: use it on the scenario's multi-URI client only (a
 * client with one registered URI may omit the parameter, RFC 6749 §3.1.2.3).
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.1.2.3
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1
 */
import type { CheckDefinition } from '../types.js';
import { describeOutcome, refusalOf, uncreditedRefusal } from '../outcome.js';

export const redirectUriRequired: CheckDefinition<'authorization'> = {
  id: 'redirect-uri-required',
  title: 'Without redirect_uri, a client with several registered URIs is refused',
  catalog: ['AZ-09'],
  requirements: ['RFC6749-3.1.2.3', 'RFC6749-4.1.2.1'],
  level: 'MUST',
  quote: 'If multiple redirection URIs have been registered, if only part of the redirection URI has been registered, or if no redirection URI has been '
    + 'registered, the client MUST include a redirection URI with the authorization request using the "redirect_uri" request parameter.',
  on: 'authorization',
  expectsRefusal: true,
  evaluate(e) {
    if ('redirect_uri' in e.request.params) return { holds: 'n/a', reason: 'the request carried a redirect_uri' };
    const expected = 'an error page at the authorization server; no redirect';
    const actual = describeOutcome(e);
    if (e.outcome.type === 'error-page') {
      const uncredited = uncreditedRefusal(e);
      return uncredited ? { holds: 'lenient', expected, actual, message: uncredited } : { holds: true, expected, actual };
    }
    const r = refusalOf(e);
    if (!r.refused) return { holds: false, expected, actual, message: `without redirect_uri the server chose a redirect URI itself and sent ${r.delivered.join(' and ')} to ${e.outcome.base}` };
    return { holds: 'lenient', expected, actual, message: `without redirect_uri the server chose a redirect URI itself (${e.outcome.base}), though only to send an error` };
  },
};
