/**
 * code-only-in-final-redirect (BR-04, info) — the authorization code appears in one URL only: the
 * redirect to the client. It is never in the URL of a page of the server (a post-login or consent page,
 * an intermediate hop), where history, logs and Referer would carry it. The code is looked for raw and
 * percent-encoded in every hop's URL and Location but the last (the redirect to the client and the
 * landing at it).
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.2
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.3
 */
import { baseOf } from '../../evidence/params.js';
import type { CheckDefinition } from '../types.js';

export const codeOnlyInFinalRedirect: CheckDefinition<'authorization'> = {
  id: 'code-only-in-final-redirect',
  title: 'The authorization code appears only in the final redirect to the client',
  catalog: ['BR-04'],
  requirements: ['RFC9700-4.2', 'RFC9700-4.3'],
  level: 'MAY',
  quote: 'Authorization codes and access tokens can end up in the browser\'s history of visited URLs (§4.3). The contents of the authorization request URI or the '
    + 'authorization response URI can unintentionally be disclosed to attackers through the Referer HTTP header (§4.2).',
  on: 'authorization',
  evaluate(e) {
    const o = e.outcome;
    const code = o.type === 'redirect' ? (o.query.code?.[0] ?? o.fragment.code?.[0]) : undefined;
    if (!code) return { holds: 'n/a', reason: 'no authorization code was issued' };
    const forms = [...new Set([code, encodeURIComponent(code)])];
    const found: string[] = [];
    for (const h of e.chain) {
      if (h.atStub) continue;
      if (forms.some((c) => h.url.includes(c))) found.push(`${h.method} ${h.url}`);
      const toClient = h.location !== undefined && e.chain.some((x) => x.atStub && baseOf(x.url) === baseOf(h.location!));
      if (h.location && !toClient && forms.some((c) => h.location!.includes(c))) found.push(`Location ${h.location}`);
    }
    const expected = 'the code only in the redirect to the client';
    if (found.length) return { holds: false, expected, actual: found.join('; '), message: `the authorization code appeared in a URL of the server: ${found[0]}` };
    return { holds: true, expected, actual: `only in the redirect to ${o.type === 'redirect' ? o.base : 'the client'}` };
  },
};
