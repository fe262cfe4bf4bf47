/**
 * asymmetric-client-authentication (FAPI-03) — a client that authenticated with a shared secret
 * (client_secret_basic, client_secret_post, client_secret_jwt) gets no tokens: FAPI 2.0 admits
 * private_key_jwt and mTLS only. A MUST of FAPI 2.0 only (a MAY elsewhere, reported with a note).
 * @see https://openid.net/specs/fapi-security-profile-2_0-final.html#section-5.3.2.1
 */
import type { CheckDefinition } from '../types.js';
import { describeTokenResponse, issuedAccessToken, sentParam, usedBasicAuth } from '../token-response.js';

const HMAC = /^HS\d+$/;

export const asymmetricClientAuthentication: CheckDefinition<'token'> = {
  id: 'asymmetric-client-authentication',
  title: 'Clients authenticate with private_key_jwt (or mTLS), not a shared secret',
  catalog: ['FAPI-03'],
  requirements: ['FAPI2-5.3.2.1'],
  level: { default: 'MAY', fapi2: 'MUST' },
  quote: 'shall authenticate clients using one of the following methods: MTLS as specified in section 2 of [RFC8705] or private_key_jwt as specified in section 9 of [OpenID]',
  on: 'token',
  evaluate(e) {
    const assertion = sentParam(e, 'client_assertion');
    let alg: string | undefined;
    try { alg = assertion ? (JSON.parse(Buffer.from(assertion.split('.')[0] ?? '', 'base64url').toString()) as { alg?: string }).alg : undefined; } catch { alg = undefined; }
    const method = usedBasicAuth(e) ? 'client_secret_basic' : sentParam(e, 'client_secret') !== undefined ? 'client_secret_post' : assertion ? (alg && HMAC.test(alg) ? 'client_secret_jwt' : 'private_key_jwt') : undefined;
    if (!method) return { holds: 'n/a', reason: 'the request carried no client authentication (a public client: confidential-clients-only judges that)' };
    const expected = 'private_key_jwt or mTLS client authentication; a shared secret refused';
    const actual = `${method}: ${describeTokenResponse(e)}`;
    if (method === 'private_key_jwt' || !issuedAccessToken(e)) return { holds: true, expected, actual };
    return { holds: false, expected, actual, message: `a client authenticated with a shared secret (${method}) got tokens` };
  },
};
