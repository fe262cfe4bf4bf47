/**
 * referrer-policy-set (BR-03) — a page of the authorization server suppresses or trims the
 * Referer its requests carry: a Referrer-Policy header (or `<meta name="referrer">`) of no-referrer,
 * same-origin, origin, or their strict / when-cross-origin forms. Judged on an HTML page the server
 * answered a probe with (its error page for a bad authorization request: the one server page a raw
 * request can reach). Headers of the login and consent pages are not in the authorization evidence.
 * Level: RFC 9700 §4.2.4 lists the referrer policy among measures that "further reduce the chances" of
 * leakage, without a keyword (the catalog says "info"); the section's own rule for the authorization
 * endpoint is a SHOULD NOT (third-party content). SHOULD under RFC 9700 and OAuth 2.1 is the harness's
 * reading; MAY under RFC 6749, which predates referrer policies.
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.2.4
 */
import type { CheckDefinition } from '../types.js';

const SAFE = new Set(['no-referrer', 'same-origin', 'origin', 'strict-origin', 'origin-when-cross-origin', 'strict-origin-when-cross-origin']);
const KNOWN = new Set([...SAFE, 'no-referrer-when-downgrade', 'unsafe-url']);

/** The policy in force: the last known token of the header, else of the meta element (as browsers do). */
function policyOf(headers: Record<string, string>, body: string): { value: string; from: string } | undefined {
  const header = Object.entries(headers).find(([k]) => k.toLowerCase() === 'referrer-policy')?.[1];
  const last = (list: string) => list.split(',').map((t) => t.trim().toLowerCase()).filter((t) => KNOWN.has(t)).at(-1);
  const fromHeader = header ? last(header) : undefined;
  if (fromHeader) return { value: fromHeader, from: `Referrer-Policy: ${header}` };
  const meta = /<meta\s[^>]*name\s*=\s*["']?referrer["']?[^>]*>/i.exec(body)?.[0];
  const content = meta && /content\s*=\s*["']?([^"'>]+)/i.exec(meta)?.[1];
  const fromMeta = content ? last(content) : undefined;
  return fromMeta ? { value: fromMeta, from: `<meta name="referrer" content="${content}">` } : undefined;
}

export const referrerPolicySet: CheckDefinition<'probe'> = {
  id: 'referrer-policy-set',
  title: 'The server\'s pages set a referrer policy that suppresses referrers',
  catalog: ['BR-03'],
  requirements: ['RFC9700-4.2.4'],
  level: { default: 'SHOULD', rfc6749: 'MAY' },
  quote: 'Suppress the Referer header by applying an appropriate Referrer Policy [W3C.webappsec-referrer-policy] to the document (either as part of the '
    + '"referrer" meta attribute or by setting a Referrer-Policy header).',
  on: 'probe',
  evaluate(e) {
    const type = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
    if (!/text\/html/i.test(type)) return { holds: 'n/a', reason: `the probe was answered ${e.response.status} ${type || 'without a content type'}, not with an HTML page` };
    const expected = 'Referrer-Policy (header or meta) no-referrer, same-origin, or an origin-only policy';
    const p = policyOf(e.response.headers, e.response.body);
    if (!p) return { holds: false, expected, actual: `the ${e.response.status} page at ${e.request.url} has no referrer policy`, message: 'the server\'s page sets no referrer policy' };
    if (!SAFE.has(p.value)) return { holds: false, expected, actual: p.from, message: `the server's page sets the referrer policy ${p.value}, which sends full URLs to other sites` };
    return { holds: true, expected, actual: p.from };
  },
};
