/**
 * userinfo-requires-valid-token (ID-10) — the UserInfo endpoint answers no claims to a request without
 * an access token, or with a made-up one. A refusal counts only beside a request of the same scenario
 * with an issued access token that got the user's claims (the positive control, judged here since the
 * runner's controls know only authorizations and token requests).
 * @see https://openid.net/specs/openid-connect-core-1_0.html#rfc.section.5.3
 * @see https://openid.net/specs/openid-connect-core-1_0.html#rfc.section.5.3.3
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1
 */
import type { CheckDefinition } from '../types.js';

export const userinfoRequiresValidToken: CheckDefinition<'resource'> = {
  id: 'userinfo-requires-valid-token',
  title: 'The UserInfo endpoint answers no claims without a valid access token',
  catalog: ['ID-10'],
  requirements: ['OIDC-5.3', 'OIDC-5.3.3', 'RFC6750-3.1'],
  level: 'MUST',
  quote: 'The Access Token obtained from an OpenID Connect Authentication Request MUST be sent as a Bearer Token, per Section 2 of OAuth 2.0 Bearer Token Usage [RFC6750].',
  on: 'resource',
  evaluate(e, ctx) {
    if (e.at !== 'userinfo' || (e.presented !== 'none' && e.presented !== 'bogus')) return { holds: 'n/a', reason: 'not a UserInfo request without a valid token' };
    const control = ctx.all.find((x) => x.kind === 'resource' && x.at === 'userinfo' && x.step !== e.step && x.presented === 'header' && x.response.status >= 200 && x.response.status < 300);
    if (!control) return { holds: 'n/a', reason: 'no UserInfo request with an issued access token got claims in this scenario: a refusal would prove nothing' };
    const expected = 'a refusal (401, or 400 without a token): no claims';
    const actual = `${e.response.status} from the UserInfo endpoint`;
    const s = e.response.status;
    if (s >= 200 && s < 300) return { holds: false, expected, actual, message: e.presented === 'none' ? 'the UserInfo endpoint answered without any token' : 'the UserInfo endpoint accepted a made-up token' };
    return { holds: true, expected, actual: `${actual}, after step ${control.step + 1} got claims with the issued token` };
  },
};
