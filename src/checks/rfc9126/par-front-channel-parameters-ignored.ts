/**
 * par-front-channel-parameters-ignored (PAR-07) — parameters sent in the front channel beside a
 * request_uri (here a redirect_uri of the attacker's and another state) are not used: the response
 * goes to the pushed redirect_uri with the pushed state, or the request is refused.
 * @see https://www.rfc-editor.org/rfc/rfc9126#section-4
 * @see https://openid.net/specs/fapi-security-profile-2_0-final.html#section-5.3.2.2
 */
import type { CheckDefinition } from '../types.js';
import { describeOutcome, responseParams } from '../outcome.js';
import { notPushed, pushOf } from '../par-evidence.js';

export const parFrontChannelParametersIgnored: CheckDefinition<'authorization'> = {
  id: 'par-front-channel-parameters-ignored',
  title: 'Parameters outside the pushed request are not used',
  catalog: ['PAR-07'],
  requirements: ['RFC9126-4', 'FAPI2-5.3.2.2'],
  level: 'MUST',
  quote: 'The authorization server MUST validate authorization requests arising from a pushed request as it would any other authorization request.',
  on: 'authorization',
  evaluate(e, ctx) {
    const why = notPushed(e, ctx);
    if (why) return { holds: 'n/a', reason: why };
    const front = Object.keys(e.request.params).filter((k) => k !== 'client_id' && k !== 'request_uri');
    if (!front.length) return { holds: 'n/a', reason: 'no parameter was sent beside client_id and request_uri' };
    const pushed = pushOf(e, ctx)!.pushed ?? {};
    const expected = `the pushed request used: its redirect_uri and state (front-channel ${front.join(', ')} ignored), or a refusal`;
    const actual = describeOutcome(e);
    const o = e.outcome;
    if (o.type !== 'redirect') return { holds: true, expected, actual };
    const used: string[] = [];
    if (e.request.params.redirect_uri !== undefined && o.base === e.request.params.redirect_uri.split(/[?#]/)[0] && e.request.params.redirect_uri !== pushed.redirect_uri) used.push('redirect_uri');
    const state = responseParams(e)?.state?.[0];
    if (e.request.params.state !== undefined && state === e.request.params.state && state !== pushed.state) used.push('state');
    if (used.length) return { holds: false, expected, actual, message: `the server used the front-channel ${used.join(' and ')} instead of the pushed one${used.length > 1 ? 's' : ''}` };
    return { holds: true, expected, actual };
  },
};
