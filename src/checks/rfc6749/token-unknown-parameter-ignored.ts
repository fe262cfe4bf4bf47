/**
 * token-unknown-parameter-ignored (TK-11) — a valid token request with a parameter the server does not
 * know (the scenario adds e.g. foo=bar) is processed as if it were absent: tokens.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.2
 */
import type { CheckDefinition } from '../types.js';
import { describeTokenResponse, issuedAccessToken, requestParams } from '../token-response.js';

/** Token request parameters of RFC 6749, RFC 7636, RFC 7521/7523 client assertions, RFC 8707, and the device grant. */
const KNOWN = new Set([
  'grant_type', 'code', 'redirect_uri', 'client_id', 'client_secret', 'code_verifier', 'refresh_token', 'scope', 'username', 'password',
  'client_assertion', 'client_assertion_type', 'assertion', 'resource', 'audience', 'device_code', 'code_challenge_method',
]);

export const tokenUnknownParameterIgnored: CheckDefinition<'token'> = {
  id: 'token-unknown-parameter-ignored',
  title: 'Unrecognized token request parameters are ignored',
  catalog: ['TK-11'],
  requirements: ['RFC6749-3.2'],
  level: 'MUST',
  quote: 'The authorization server MUST ignore unrecognized request parameters.',
  on: 'token',
  evaluate(e) {
    const unknown = requestParams(e).body.map(([k]) => k).filter((k) => !KNOWN.has(k));
    if (!unknown.length) return { holds: 'n/a', reason: 'the request carried no unrecognized parameter' };
    const manipulated = e.variants.filter((v) => !v.startsWith('extra:'));
    if (manipulated.length) return { holds: 'n/a', reason: `the request was also manipulated (${manipulated.join(', ')}): a refusal would say nothing` };
    const names = [...new Set(unknown)].join(', ');
    const expected = `tokens issued, ${names} ignored`;
    const actual = describeTokenResponse(e);
    if (issuedAccessToken(e)) return { holds: true, expected, actual };
    return { holds: false, expected, actual, message: `a valid token request with the unrecognized parameter(s) ${names} was refused (${actual})` };
  },
};
