/**
 * redirect-not-derived-from-host (RU-17) — a request to the authorization endpoint whose `Host` (or
 * `X-Forwarded-Host`, `Forwarded: host=`) names another host is not answered with a redirect to that
 * host, nor with a page whose links point there: URLs the server builds must come from its own
 * configuration, not from headers a proxy or cache may let an attacker choose (OAUTHScan's "open
 * redirect via Host header"). Informational in the catalog: judged at MAY. A relative Location is
 * resolved against the URL requested, as a browser would.
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.13
 */
import { safeUrl } from '../../evidence/params.js';
import type { CheckDefinition } from '../types.js';
import { headerOf } from '../token-response.js';

export const redirectNotDerivedFromHost: CheckDefinition<'probe'> = {
  id: 'redirect-not-derived-from-host',
  title: 'The authorization endpoint does not build redirects from the Host or forwarded-host header',
  catalog: ['RU-17'],
  requirements: ['RFC9700-4.13'],
  level: 'MAY',
  quote: 'A reverse proxy MUST therefore sanitize any inbound requests to ensure the authenticity and integrity of all header values relevant for the '
    + 'security of the application servers. (RFC 9700 §4.13; the catalog rates a Host-derived redirect as informational)',
  on: 'probe',
  evaluate(e) {
    if (e.endpoint !== 'authorization') return { holds: 'n/a', reason: `a probe of the ${e.endpoint} endpoint` };
    const own = safeUrl(e.request.url)?.host.toLowerCase();
    const injected = injectedHosts(e.request.headers).filter((h) => h.value !== own);
    if (!injected.length) return { holds: 'n/a', reason: 'the probe named no other host in Host, X-Forwarded-Host or Forwarded' };
    const names = injected.map((h) => `${h.header}: ${h.value}`).join(', ');
    const expected = `no redirect to, and no link to, ${injected.map((h) => h.value).join(' or ')}`;
    const location = headerOf(e.response.headers, 'location');
    const target = location === undefined ? undefined : safeUrl(new URL(location, e.request.url).toString());
    const via = target && injected.find((h) => h.value === target.host.toLowerCase() || h.value === target.hostname.toLowerCase());
    const actual = location === undefined ? `${e.response.status}, no Location` : `${e.response.status}, Location: ${location}`;
    if (via) return { holds: false, expected, actual, message: `the authorization endpoint redirected to ${target}, a host taken from the ${via.header} header (${names})` };
    const linked = injected.find((h) => e.response.body.toLowerCase().includes(`//${h.value}`));
    if (linked) return { holds: false, expected, actual: `${actual}; the page links to //${linked.value}`, message: `the page the authorization endpoint served links to //${linked.value}, a host taken from the ${linked.header} header` };
    return { holds: true, expected, actual };
  },
};

function injectedHosts(headers: Record<string, string>): { header: string; value: string }[] {
  const out: { header: string; value: string }[] = [];
  for (const name of ['host', 'x-forwarded-host']) {
    const v = headerOf(headers, name);
    if (v) out.push(...v.split(',').map((h) => ({ header: name, value: h.trim().toLowerCase() })));
  }
  const forwarded = headerOf(headers, 'forwarded');
  for (const m of forwarded?.matchAll(/host="?([^";,\s]+)"?/gi) ?? []) out.push({ header: 'forwarded', value: m[1].toLowerCase() });
  return out.filter((h) => h.value);
}
