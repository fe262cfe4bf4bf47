/**
 * metadata-issuer-matches (META-02, MX-02) — every metadata document served names, as `issuer`, exactly
 * the issuer its URL was built from (string identity: no trailing slash added, no case change), and that
 * issuer is an https URL without query or fragment. Plain http on a loopback host (the embedded server,
 * a local test setup) is not judged for the scheme, and the note says so; on any other host it fails.
 * A mismatch is what mix-up defences rely on (RFC 8414 §6.2; RFC 9207).
 * @see https://www.rfc-editor.org/rfc/rfc8414#section-2
 * @see https://www.rfc-editor.org/rfc/rfc8414#section-3.3
 */
import { safeUrl } from '../../evidence/params.js';
import type { CheckDefinition } from '../types.js';
import { isLoopbackUrl, servedDocuments, sourceLabel } from '../metadata.js';

export const metadataIssuerMatches: CheckDefinition<'metadata'> = {
  id: 'metadata-issuer-matches',
  title: 'The metadata issuer is the issuer its URL was built from, an https URL without query or fragment',
  catalog: ['META-02', 'MX-02'],
  requirements: ['RFC8414-2', 'RFC8414-3.3'],
  level: 'MUST',
  quote: 'The "issuer" value returned MUST be identical to the authorization server\'s issuer identifier value into which the well-known URI string was inserted '
    + 'to create the URL used to retrieve the metadata. (§3.3) — issuer: a URL that uses the "https" scheme and has no query or fragment components. (§2)',
  on: 'metadata',
  evaluate(e) {
    const served = servedDocuments(e);
    if (!served.length) return { holds: 'n/a', reason: 'no metadata document was served (see metadata-published)' };
    const expected = `issuer ${JSON.stringify(e.issuer)} in every document; https, no query or fragment`;
    const seen: string[] = [];
    for (const d of served) {
      const issuer = d.json.issuer;
      const what = sourceLabel(d.source);
      seen.push(`${d.source}: ${issuer === undefined ? '(none)' : JSON.stringify(issuer)}`);
      if (typeof issuer !== 'string') return { holds: false, expected, actual: seen.join('; '), message: `the ${what} has no issuer string` };
      if (issuer !== e.issuer) {
        return { holds: false, expected, actual: seen.join('; '), message: `the ${what} names issuer ${JSON.stringify(issuer)}, not ${JSON.stringify(e.issuer)} from which its URL was built` };
      }
      const u = safeUrl(issuer);
      if (!u || u.search || u.hash || issuer.includes('#') || issuer.includes('?')) {
        return { holds: false, expected, actual: seen.join('; '), message: `the issuer ${JSON.stringify(issuer)} is not a URL without query and fragment` };
      }
      if (u.protocol !== 'https:' && !isLoopbackUrl(issuer)) {
        return { holds: false, expected, actual: seen.join('; '), message: `the issuer ${JSON.stringify(issuer)} does not use the https scheme` };
      }
    }
    const loopback = served.some((d) => String(d.json.issuer).startsWith('http:'));
    return {
      holds: true, expected, actual: seen.join('; '),
      ...(loopback ? { note: 'identical; the issuer is plain http on a loopback host, so the https requirement was not judged' } : {}),
    };
  },
};
