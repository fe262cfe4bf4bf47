/**
 * legacy-tls-refused (TLS-04) — TLS 1.2 or 1.3 is accepted; TLS 1.0 and 1.1, each offered alone, are
 * refused. RFC 6749 §1.6 defers to current TLS practice: BCP 195 (RFC 8996 deprecates 1.0 and 1.1,
 * RFC 9325 requires 1.2+). A version the probe itself could not offer gives no verdict for it.
 * @see https://www.rfc-editor.org/rfc/rfc8996#section-2
 * @see https://www.rfc-editor.org/rfc/rfc8996#section-3
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-1.6
 */
import type { CheckDefinition } from '../types.js';

const LEGACY = new Set(['TLSv1', 'TLSv1.1']);

export const legacyTlsRefused: CheckDefinition<'tls'> = {
  id: 'legacy-tls-refused',
  title: 'TLS 1.2+ accepted, TLS 1.0 and 1.1 refused',
  catalog: ['TLS-04'],
  requirements: ['RFC8996-2', 'RFC8996-3', 'RFC6749-1.6'],
  level: 'MUST',
  quote: 'TLS 1.0 MUST NOT be used. […] TLS 1.1 MUST NOT be used.',
  on: 'tls',
  evaluate(e) {
    const expected = 'TLS 1.2 or 1.3 accepted; TLS 1.0 and 1.1 refused';
    const actual = e.handshakes.map((h) => `${h.version} ${h.accepted ? 'accepted' : h.clientLimit ? 'not offered by the probe' : 'refused'}`).join(', ');
    const legacy = e.handshakes.filter((h) => LEGACY.has(h.version));
    const accepted = legacy.filter((h) => h.accepted).map((h) => h.version);
    if (accepted.length) return { holds: false, expected, actual, message: `the ${e.endpoint} endpoint completes a handshake with ${accepted.join(' and ')}` };
    if (!e.handshakes.some((h) => !LEGACY.has(h.version) && h.accepted)) {
      return { holds: false, expected, actual, message: `the ${e.endpoint} endpoint accepts neither TLS 1.2 nor TLS 1.3` };
    }
    if (legacy.some((h) => h.clientLimit)) return { holds: 'n/a', reason: `the probe could not offer ${legacy.filter((h) => h.clientLimit).map((h) => h.version).join(' and ')} (its own TLS library refused): no verdict` };
    return { holds: true, expected, actual };
  },
};
