/**
 * tls-certificate-valid (TLS-03) — the endpoint's certificate chains to a trusted root (the system's,
 * or the CA the profile trusts) and is valid for the host name the client connects to. A client that
 * validates, as it MUST, cannot talk to a server that fails this; one that does not is open to
 * impersonation.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.9
 * @see https://datatracker.ietf.org/doc/html/draft-ietf-oauth-v2-1-13#section-1.5
 */
import type { CheckDefinition } from '../types.js';

export const tlsCertificateValid: CheckDefinition<'tls'> = {
  id: 'tls-certificate-valid',
  title: 'The TLS certificate is trusted and valid for the host',
  catalog: ['TLS-03'],
  requirements: ['RFC6749-10.9', 'OAUTH2.1-1.5'],
  level: 'MUST',
  quote: 'The client MUST validate the authorization server\'s TLS certificate as defined by [RFC6125] and in accordance with its requirements for server identity authentication.',
  on: 'tls',
  evaluate(e) {
    const v = e.verification;
    const expected = `a certificate for ${e.address.replace(/:\d+$/, '')} chaining to a trusted root`;
    const actual = `${v.verified ? 'verified' : `not verified: ${v.error ?? 'unknown reason'}`} (subject ${v.subject || '?'}, issuer ${v.issuer || '?'}, valid to ${v.validTo ?? '?'}${v.altNames ? `, ${v.altNames}` : ''})`;
    if (!v.verified) return { holds: false, expected, actual, message: `the ${e.endpoint} endpoint's certificate does not verify: ${v.error ?? 'unknown reason'}` };
    return { holds: true, expected, actual };
  },
};
