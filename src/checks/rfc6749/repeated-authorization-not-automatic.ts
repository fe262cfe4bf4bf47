/**
 * repeated-authorization-not-automatic (AZ-10, info) — a repeated authorization request of a client
 * that does not authenticate (a public client) is not answered with a code without the resource owner
 * taking part: the second authorization of the scenario, in the same browser, shows a page of the server
 * (consent) again. Answering it straight away is reported at MAY: RFC 6749 allows other measures (exact
 * redirect URI matching, PKCE), which a black-box test cannot see.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.2
 */
import type { AuthorizationEvidence } from '../../evidence/types.js';
import type { CheckDefinition } from '../types.js';
import { deliveredGrants, describeOutcome } from '../outcome.js';

export const repeatedAuthorizationNotAutomatic: CheckDefinition<'authorization'> = {
  id: 'repeated-authorization-not-automatic',
  title: 'A repeated authorization request of a public client is not approved automatically',
  catalog: ['AZ-10'],
  requirements: ['RFC6749-10.2'],
  level: 'MAY',
  quote: 'The authorization server SHOULD NOT process repeated authorization requests automatically (without active resource owner interaction) without '
    + 'authenticating the client or relying on other measures to ensure that the repeated request comes from the original client and not an impersonator.',
  on: 'authorization',
  freshBrowser: true,
  evaluate(e, ctx) {
    const first = ctx.all.find((x): x is AuthorizationEvidence => x.kind === 'authorization' && x.step < e.step && x.client === e.client && deliveredGrants(x).length > 0);
    if (!first) return { holds: 'n/a', reason: `no earlier authorization of client ${e.client} in this scenario was granted: this request is not a repeated one` };
    const delivered = deliveredGrants(e);
    if (!delivered.length) return { holds: 'n/a', reason: 'the repeated request was not granted' };
    const expected = 'a page of the server (consent) before the repeated request is answered with a code';
    const actual = e.interactions.length ? `${e.interactions.join(' → ')}, then ${describeOutcome(e)}` : `no page of the server shown; ${describeOutcome(e)}`;
    if (e.interactions.length) return { holds: true, expected, actual };
    return { holds: false, expected, actual, message: `the repeated request of client ${e.client} was answered with ${delivered.join(' and ')} without the resource owner taking part` };
  },
};
