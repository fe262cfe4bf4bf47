/**
 * metadata-advertises-s256 (META-04) — the metadata lets clients detect PKCE: its
 * `code_challenge_methods_supported` contains S256. A server that also lists `plain` passes, with a note
 * (clients SHOULD use S256; offering plain is the PK-10 question). Judged on the RFC 8414 document when
 * served, else on the OpenID Connect one.
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-2.1.1
 * @see https://www.rfc-editor.org/rfc/rfc8414#section-2
 */
import type { CheckDefinition } from '../types.js';
import { servedMetadata, sourceLabel } from '../metadata.js';

export const metadataAdvertisesS256: CheckDefinition<'metadata'> = {
  id: 'metadata-advertises-s256',
  title: 'The metadata advertises PKCE with S256 (code_challenge_methods_supported)',
  catalog: ['META-04'],
  requirements: ['RFC9700-2.1.1', 'RFC8414-2'],
  level: { default: 'SHOULD', fapi2: 'MUST' }, // FAPI 2.0 §5.3.2.1 (metadata), §5.3.2.2 (PKCE S256)
  quote: 'It is RECOMMENDED for authorization servers to publish the element code_challenge_methods_supported in their Authorization Server Metadata '
    + '([RFC8414]) containing the supported PKCE challenge methods (which can be used by the client to detect PKCE support).',
  on: 'metadata',
  evaluate(e) {
    const doc = servedMetadata(e);
    if (!doc) return { holds: 'n/a', reason: 'no metadata document was served (see metadata-published)' };
    const expected = 'code_challenge_methods_supported containing "S256"';
    const value = doc.json.code_challenge_methods_supported;
    const where = `in the ${sourceLabel(doc.source)}`;
    if (value === undefined) {
      return { holds: false, expected, actual: `no code_challenge_methods_supported ${where}`, message: `the metadata does not advertise PKCE: code_challenge_methods_supported is missing ${where}` };
    }
    const methods = Array.isArray(value) ? value : [];
    const actual = `code_challenge_methods_supported: ${JSON.stringify(value)}`;
    if (!methods.includes('S256')) return { holds: false, expected, actual, message: `code_challenge_methods_supported does not contain S256 ${where}` };
    return { holds: true, expected, actual, ...(methods.includes('plain') ? { note: 'S256 advertised; plain is advertised too (clients SHOULD use S256, RFC 9700 §2.1.1)' } : {}) };
  },
};
