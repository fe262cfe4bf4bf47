/**
 * redirect-uri-rejected (RU-01…RU-13, RU-15, RU-16, RU-18; on a step, the row of the manipulation it sends) — an authorization request whose
 * redirect_uri is not exactly a registered one is refused on the server's own page; the browser is
 * never sent to the manipulated URI, not even with an error, and not even where it could not load it
 * (judged on the redirect chain then). Sending the user to the registered URI instead, ignoring the
 * bad value, is lenient: reported as such at SHOULD; so is accepting a variant marked lenient (host
 * case, percent-encoded unreserved characters), which still ends at the client's own endpoint. An error
 * page that is a server error (5xx) or empty is lenient too: no redirect, but no refusal the harness can
 * credit either (outcome.ts uncreditedRefusal).
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.1.2.3
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.1.3
 */
import type { CheckDefinition } from '../types.js';
import { describeOutcome, uncreditedRefusal } from '../outcome.js';
import { carrying, redirectToManipulated } from '../redirect.js';
import { redirectUriVariant } from '../../spec/redirect-uri-variants.js';

export const redirectUriRejected: CheckDefinition<'authorization'> = {
  id: 'redirect-uri-rejected',
  title: 'A redirect_uri that is not exactly a registered one is refused without redirecting',
  catalog: ['RU-01', 'RU-02', 'RU-03', 'RU-04', 'RU-05', 'RU-06', 'RU-07', 'RU-08', 'RU-09', 'RU-10', 'RU-11', 'RU-12', 'RU-13', 'RU-15', 'RU-16', 'RU-18'],
  requirements: ['RFC6749-3.1.2.3', 'RFC6749-4.1.2.1', 'RFC9700-4.1.3'],
  level: 'MUST',
  quote: 'the authorization server SHOULD inform the resource owner of the error and MUST NOT automatically redirect the user-agent to the invalid redirection URI.',
  on: 'authorization',
  expectsRefusal: true,
  evaluate(e) {
    const sent = e.redirectUri?.value ?? '(none)';
    if (e.redirectUri && e.redirectUri.value === e.redirectUri.registered) {
      return { holds: 'n/a', reason: `the redirect_uri sent is the client's registered one (${sent}): the manipulation changed nothing, so there is nothing to refuse` };
    }
    const expected = `an error page at the authorization server; no navigation to ${sent}`;
    const actual = describeOutcome(e);
    const o = e.outcome;
    const lenientVariant = redirectUriVariant(e.redirectUri?.variant)?.lenientIfAccepted === true;
    if (o.type === 'error-page') {
      const hop = redirectToManipulated(e);
      if (!hop?.location) {
        const uncredited = uncreditedRefusal(e);
        return uncredited ? { holds: 'lenient', expected, actual, message: uncredited } : { holds: true, expected, actual };
      }
      const message = `the server redirected the browser to the manipulated redirect_uri ${sent}${carrying(hop.location)}; the browser could not load it`;
      return { holds: lenientVariant ? 'lenient' : false, expected, actual: `redirect to ${hop.location}, then ${actual}`, message };
    }
    if (o.target === 'requested' || o.target === 'other') {
      const message = `the browser was redirected to the manipulated redirect_uri ${sent}${carrying(o.url)}`;
      if (lenientVariant && o.target === 'requested') {
        return { holds: 'lenient', expected, actual, message: `${message}; the variant names the client's own endpoint, so not exploitable as such, but not an exact match either` };
      }
      return { holds: false, expected, actual, message };
    }
    // Whether the server ignored the value or used it and rewrote its query cannot be told apart: say what was seen.
    const lost = lostParams(sent, o.query);
    return {
      holds: 'lenient', expected, actual,
      message: `the server did not refuse the manipulated redirect_uri ${sent}: it redirected to the client's registered one (${e.redirectUri?.registered})${lost.length ? `, without the manipulated URI's ${lost.join('&')}` : ''}; not exploitable as such, but not an exact match either`,
    };
  },
};

/** Query parameters of the manipulated URI (e.g. code=attackercode) that the landing URL does not carry. */
function lostParams(sent: string, landed: Record<string, string[]>): string[] {
  let query: URLSearchParams;
  try { query = new URL(sent).searchParams; } catch { return []; }
  return [...query].filter(([k, v]) => !landed[k]?.includes(v)).map(([k, v]) => `${k}=${v}`);
}
