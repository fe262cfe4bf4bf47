/**
 * refused-without-redirect (RU-18) — a request the server cannot trust any redirect URI for (an unknown
 * client_id; an unregistered redirect_uri, whatever else is wrong with the request) is answered on the
 * server's own page: the browser is sent nowhere, not to the URI sent, not to any registered one, not
 * with a code and not with an error. Judged on the redirect chain too, for URIs the browser could not load.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.1.2.4
 */
import type { CheckDefinition } from '../types.js';
import { describeOutcome } from '../outcome.js';
import { carrying, matchesUri } from '../redirect.js';

export const refusedWithoutRedirect: CheckDefinition<'authorization'> = {
  id: 'refused-without-redirect',
  title: 'A request with an unknown client or an unregistered redirect URI gets no redirect at all',
  catalog: ['RU-18'],
  requirements: ['RFC6749-4.1.2.1', 'RFC6749-3.1.2.4'],
  level: 'MUST',
  quote: 'If the request fails due to a missing, invalid, or mismatching redirection URI, or if the client identifier is missing or invalid, the '
    + 'authorization server SHOULD inform the resource owner of the error and MUST NOT automatically redirect the user-agent to the invalid redirection URI.',
  on: 'authorization',
  expectsRefusal: true,
  evaluate(e) {
    const expected = 'an error page at the authorization server; no redirect to any URI';
    const actual = describeOutcome(e);
    const o = e.outcome;
    if (o.type === 'redirect') {
      return { holds: false, expected, actual, message: `the server redirected the browser to ${o.base}${carrying(o.url)}, although it could trust no redirect URI for this request (client_id ${e.request.params.client_id ?? '(none)'})` };
    }
    // A Location to a client URI the browser could not follow (an unresolvable or refused URI) is a redirect all the same.
    const uris = [e.redirectUri?.value, e.redirectUri?.registered].filter((u): u is string => Boolean(u));
    const away = e.chain.find((h) => h.atStub || (h.location !== undefined && uris.some((u) => matchesUri(h.location!, u))));
    if (away) {
      const to = away.location ?? away.url;
      return { holds: false, expected, actual: `redirect to ${to}, then ${actual}`, message: `the server redirected the browser to ${to.split(/[?#]/)[0]}${carrying(to)}; the browser did not stay there` };
    }
    return { holds: true, expected, actual };
  },
};
