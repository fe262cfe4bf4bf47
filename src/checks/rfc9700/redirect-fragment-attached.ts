/**
 * redirect-fragment-attached (AR-08) — the redirect that takes the response to the client carries a
 * fragment of its own (e.g. `#_`) in its Location, so that a browser never reattaches a fragment from
 * an earlier URL to it (RFC 9700 §4.1.2, fragment reattachment via an open redirector at the client).
 * A MAY: its absence is reported as a warning at MAY. Responses in the fragment, or not delivered by an
 * HTTP redirect (form_post), are not judged.
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.1.3
 */
import { baseOf, fragmentOf } from '../../evidence/params.js';
import type { CheckDefinition } from '../types.js';

const RESPONSE_PARAMS = ['code', 'error', 'access_token', 'id_token'];

export const redirectFragmentAttached: CheckDefinition<'authorization'> = {
  id: 'redirect-fragment-attached',
  title: 'The redirect to the client carries a fragment (#_) so none is reattached',
  catalog: ['AR-08'],
  requirements: ['RFC9700-4.1.3'],
  level: 'MAY',
  quote: 'Browsers reattach URL fragments to Location redirection URLs only if the URL in the Location header does not already contain a fragment. '
    + 'Therefore, servers MAY prevent browsers from reattaching fragments to redirection URLs by attaching an arbitrary fragment identifier, for '
    + 'example #_, to URLs in Location headers.',
  on: 'authorization',
  evaluate(e) {
    const o = e.outcome;
    if (o.type !== 'redirect' || o.target !== 'registered') return { holds: 'n/a', reason: 'no response reached the registered redirect URI' };
    const hop = [...e.chain].reverse().find((h) => h.location !== undefined && baseOf(h.location) === o.base);
    if (!hop?.location) return { holds: 'n/a', reason: 'the response did not reach the client through an HTTP redirect (e.g. form_post)' };
    if (Object.keys(fragmentOf(hop.location)).some((k) => RESPONSE_PARAMS.includes(k))) {
      return { holds: 'n/a', reason: 'the response parameters are in the fragment, which already stops reattachment' };
    }
    const expected = 'a fragment (e.g. #_) on the Location of the redirect to the client';
    const hash = hop.location.indexOf('#');
    if (hash >= 0) return { holds: true, expected, actual: `Location ends with ${hop.location.slice(hash) || '#'}` };
    return {
      holds: false, expected, actual: `${hop.status ?? '30x'} Location without a fragment`,
      message: 'the redirect to the client has no fragment: a fragment of an earlier URL would be reattached to it (harmless with exact redirect URI matching)',
    };
  },
};
