/**
 * no-307-after-credentials (AZ-11) — a form the user submits to the authorization server (login,
 * consent) is never answered with a method-preserving redirect: 307 (and 308, which behaves the same)
 * makes the browser re-send the form, password included, to the next URL — eventually the client. 303 is
 * what RFC 9700 asks for; 301/302 are lenient (browsers turn them into GET, but need not). Judged on
 * every POST the browser made to the server during the flow.
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.12
 */
import type { CheckDefinition } from '../types.js';

export const no307AfterCredentials: CheckDefinition<'authorization'> = {
  id: 'no-307-after-credentials',
  title: 'Form posts to the server (login, consent) are not answered with 307',
  catalog: ['AZ-11'],
  requirements: ['RFC9700-4.12'],
  level: { default: 'MUST', rfc6749: 'MAY' },
  quote: 'Authorization servers that redirect a request that potentially contains the user\'s credentials therefore MUST NOT use the HTTP 307 status code '
    + 'for redirection. If an HTTP redirection (and not, for example, JavaScript) is used for such a request, the authorization server SHOULD use HTTP status code 303 (See Other).',
  on: 'authorization',
  freshBrowser: true,
  evaluate(e) {
    const posts = e.chain.filter((h) => h.method === 'POST' && !h.atStub && h.status !== undefined);
    if (!posts.length) return { holds: 'n/a', reason: 'the browser posted no form to the server in this flow' };
    const expected = '303 (or no redirect) for every form post';
    const actual = posts.map((h) => `POST ${h.url} → ${h.status}${h.location ? ` ${h.location}` : ''}`).join('; ');
    const preserving = posts.find((h) => h.status === 307 || h.status === 308);
    if (preserving) {
      const reposted = e.chain.filter((h) => h.method === 'POST' && h.atStub);
      const where = reposted.length ? `, and the browser re-posted it to the client at ${reposted[0].url}` : '';
      return {
        holds: false, expected, actual,
        message: `the form post to ${preserving.url} was answered ${preserving.status}: the browser re-sends the form, credentials included, to ${preserving.location ?? 'the next URL'}${where}`,
      };
    }
    const loose = posts.find((h) => h.status === 301 || h.status === 302);
    if (loose) return { holds: 'lenient', expected, actual, message: `the form post to ${loose.url} was answered ${loose.status}, not 303: a browser may keep the POST` };
    return { holds: true, expected, actual };
  },
};
