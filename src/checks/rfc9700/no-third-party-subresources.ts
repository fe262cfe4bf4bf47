/**
 * no-third-party-subresources (BR-02) — the server's pages (authorization endpoint, login, consent,
 * error pages) make no request to another site that carries the authorization request: its URL, its
 * `state`, or the issued code, in the request's URL or its `Referer`. That is how RFC 9700 §4.2.4's
 * leak happens (a third-party script, image or font fetched by the page sees the page URL in Referer).
 *
 * "Another site" is judged simply: a host (name, port ignored) different from the host of the page the
 * request came from. A CDN on a sibling subdomain of the server therefore counts as third party. Only
 * http(s) requests are looked at (data: and blob: never leave the browser). Values are matched raw and
 * percent-encoded. A page that loads third-party resources without carrying any of these passes, with a
 * note: the RFC advises against any, the catalog's pass criterion is the leak.
 * `n/a` when the flow never showed a page of the server (an immediate redirect, no page loaded).
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.2.4
 */
import { safeUrl } from '../../evidence/params.js';
import type { AuthorizationEvidence, Subresource } from '../../evidence/types.js';
import { responseParams } from '../outcome.js';
import type { CheckDefinition } from '../types.js';

/** Whether the browser rendered a page of the server: a non-redirect answer from it, or requests its pages made. */
function serverPageShown(e: AuthorizationEvidence): boolean {
  return e.subresources.length > 0 || e.chain.some((h) => !h.atStub && h.status !== undefined && !h.location && (h.status < 300 || h.status >= 400));
}

/** The values a third party must not learn, by name. */
function secretsOf(e: AuthorizationEvidence): { name: string; forms: string[] }[] {
  const code = responseParams(e)?.code?.[0];
  const state = e.sentState ?? e.request.params.state;
  const named: [string, string | undefined][] = [['the authorization request URL', e.request.url], ['state', state], ['code', code]];
  return named.filter((n): n is [string, string] => Boolean(n[1])).map(([name, v]) => ({ name, forms: [...new Set([v, encodeURIComponent(v)])] }));
}

function toOtherHost(s: Subresource): boolean {
  const u = safeUrl(s.url);
  const page = safeUrl(s.page);
  return Boolean(u && page && /^https?:$/.test(u.protocol) && u.hostname !== page.hostname);
}

export const noThirdPartySubresources: CheckDefinition<'authorization'> = {
  id: 'no-third-party-subresources',
  title: 'The server\'s pages send no request carrying the authorization request to another site',
  catalog: ['BR-02'],
  requirements: ['RFC9700-4.2.4'],
  level: 'SHOULD',
  quote: 'The page rendered as a result of the OAuth authorization response and the authorization endpoint SHOULD NOT include third-party resources or links to external sites.',
  on: 'authorization',
  freshBrowser: true,
  evaluate(e) {
    if (!serverPageShown(e)) return { holds: 'n/a', reason: 'the flow never showed a page of the server' };
    const secrets = secretsOf(e);
    const foreign = e.subresources.filter(toOtherHost);
    const offending: string[] = [];
    for (const s of foreign) {
      const where = (text: string | undefined) => secrets.filter((x) => text && x.forms.some((f) => text.includes(f))).map((x) => x.name);
      const inUrl = where(s.url);
      const inReferer = where(s.referer);
      if (!inUrl.length && !inReferer.length) continue;
      const carried = [inUrl.length ? `${inUrl.join(', ')} in its URL` : '', inReferer.length ? `${inReferer.join(', ')} in its Referer` : ''].filter(Boolean).join(' and ');
      offending.push(`${s.type} ${s.url} from ${s.page} (carrying ${carried})`);
    }
    const expected = 'no request to another host carrying the authorization request URL, state or code (in its URL or Referer)';
    if (offending.length) {
      return {
        holds: false, expected, actual: offending.join('; '),
        message: `${offending.length} request(s) from the server's pages to another host carried the authorization request: ${offending[0]}`,
      };
    }
    const hosts = [...new Set(foreign.map((s) => safeUrl(s.url)!.host))];
    const actual = `${e.subresources.length} subresource request(s) from the server's pages, ${hosts.length ? `to other hosts (${hosts.join(', ')}) without` : 'none to another host, none carrying'} the authorization request`;
    return hosts.length
      ? { holds: true, expected, actual, note: `the pages still load resources from ${hosts.join(', ')}; RFC 9700 §4.2.4 advises against any third-party resource` }
      : { holds: true, expected, actual };
  },
};
