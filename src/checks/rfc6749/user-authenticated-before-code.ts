/**
 * user-authenticated-before-code (AZ-06) — in a fresh browser (no session at the server), no code is
 * issued before the resource owner has been through the server's own pages: at least one interaction
 * of the target profile (login) ran before the redirect that carried the code. A redirect with a code
 * straight from the authorization request fails. Only the first authorization of a scenario is judged:
 * later ones may ride on the session it created.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.1
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.11.2
 */
import type { CheckDefinition } from '../types.js';
import { deliveredGrants, describeOutcome } from '../outcome.js';

export const userAuthenticatedBeforeCode: CheckDefinition<'authorization'> = {
  id: 'user-authenticated-before-code',
  title: 'The resource owner is authenticated before a code is issued',
  catalog: ['AZ-06'],
  requirements: ['RFC6749-3.1', 'RFC9700-4.11.2'],
  level: 'MUST',
  quote: 'The authorization server MUST first verify the identity of the resource owner. (RFC 6749 §3.1) — The authorization server MUST always authenticate '
    + 'the user first and, with the exception of the silent authentication use case, prompt the user for credentials when needed, before redirecting the user. (RFC 9700 §4.11.2)',
  on: 'authorization',
  freshBrowser: true,
  evaluate(e, ctx) {
    if (ctx.all.some((x) => x.kind === 'authorization' && x.step < e.step)) {
      return { holds: 'n/a', reason: 'an earlier authorization of this scenario may have left a session at the server' };
    }
    const delivered = deliveredGrants(e);
    if (!delivered.length) return { holds: 'n/a', reason: 'nothing was issued, so there is no authentication to judge' };
    const expected = 'a login page (an interaction) before the redirect that carries the code';
    const actual = e.interactions.length
      ? `${e.interactions.join(' → ')}, then ${describeOutcome(e)}`
      : `no page of the server shown; ${describeOutcome(e)}`;
    if (e.interactions.length) return { holds: true, expected, actual };
    return { holds: false, expected, actual, message: `in a fresh browser the server issued ${delivered.join(' and ')} without showing any login page` };
  },
};
