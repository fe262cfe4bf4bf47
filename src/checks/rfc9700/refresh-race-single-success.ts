/**
 * refresh-race-single-success (RT-07) — one rotating refresh token used by N concurrent requests: at
 * most one new access token / refresh token pair works afterwards. Rotation makes a refresh token
 * single-use (RFC 9700 §4.14.2); a race that mints several working pairs forks the token family, so
 * a thief racing the client keeps a live refresh token that reuse detection never sees. A server that
 * does not rotate (allowed for confidential clients) may legitimately answer every request: n/a.
 * The catalog marks the rule as derived, hence SHOULD.
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.14.2
 */
import type { CheckDefinition } from '../types.js';
import { issuedAccessToken, issuedRefreshToken } from '../token-response.js';

const works = (s: number | undefined) => s !== undefined && s >= 200 && s < 300;

export const refreshRaceSingleSuccess: CheckDefinition<'token-race'> = {
  id: 'refresh-race-single-success',
  title: 'Concurrent refreshes with one rotating refresh token: at most one working pair',
  catalog: ['RT-07'],
  requirements: ['RFC9700-4.14.2'],
  level: 'SHOULD',
  quote: 'Refresh token rotation is intended to automatically detect and prevent attempts to use the same refresh token in parallel from different apps/devices.',
  on: 'token-race',
  evaluate(e) {
    if (e.grant !== 'refresh_token') return { holds: 'n/a', reason: 'a race of code redemptions, not of refreshes' };
    const n = e.exchanges.length;
    const codes = e.exchanges.map((x) => x.response.status).join(', ');
    const issued = e.exchanges.map((x) => ({ at: issuedAccessToken(x), rt: issuedRefreshToken(x) }));
    const successes = issued.filter((i) => i.at).length;
    if (!successes) return { holds: 'n/a', reason: `none of the ${n} concurrent refreshes succeeded (statuses ${codes}): the race proves nothing` };
    if (!issued.some((i) => i.rt && i.rt !== e.sentRefreshToken)) {
      return { holds: 'n/a', reason: 'the server does not rotate this refresh token (no new one issued): concurrent use of a reusable refresh token is not a race' };
    }
    const workingAccess = e.resourceStatuses ? issued.filter((i, k) => i.at && works(e.resourceStatuses![k])).length : undefined;
    const workingRefresh = (e.refreshStatuses ?? []).filter(works).length;
    const expected = `at most 1 of ${n} concurrent refreshes yields a working access token / refresh token pair`;
    const actual = `${successes} of ${n} refreshes issued tokens (statuses ${codes}); afterwards ${workingRefresh} new refresh token(s) worked`
      + (workingAccess !== undefined ? ` and ${workingAccess} access token(s) worked at the resource` : '');
    if (successes === 1) return { holds: true, expected, actual };
    if (workingRefresh > 1 || (workingAccess ?? 0) > 1) {
      return { holds: false, expected, actual, message: `one rotating refresh token was redeemed ${successes} times by ${n} concurrent requests, and ${Math.max(workingRefresh, workingAccess ?? 0)} of the resulting token sets still work: the token family forked` };
    }
    return { holds: true, expected, actual, note: `${successes} requests succeeded, but the server revoked all but at most one of the resulting token sets` };
  },
};
