/**
 * metadata-published (META-01) — the authorization server publishes its metadata: a 200 answer with a
 * JSON object served as application/json at the RFC 8414 well-known location (path insertion). A server
 * that publishes only an OpenID Connect Discovery document passes with a note: that document carries
 * the same members (RFC 8414 §5), but a plain OAuth client looking at RFC 8414's location finds nothing.
 * A document served with another content type breaks RFC 8414 §3.2; it is reported here, at this
 * check's level, rather than by a check of its own.
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-2.6
 * @see https://www.rfc-editor.org/rfc/rfc8414#section-3
 * @see https://www.rfc-editor.org/rfc/rfc8414#section-3.2
 */
import type { CheckDefinition } from '../types.js';
import { servedDocuments, sourceLabel } from '../metadata.js';

export const metadataPublished: CheckDefinition<'metadata'> = {
  id: 'metadata-published',
  title: 'Authorization server metadata is published as JSON',
  catalog: ['META-01'],
  requirements: ['RFC9700-2.6', 'RFC8414-3', 'RFC8414-3.2'],
  level: 'SHOULD',
  quote: 'It is therefore RECOMMENDED that authorization servers publish OAuth Authorization Server Metadata according to [RFC8414] (RFC 9700 §2.6). '
    + 'A successful response MUST use the 200 OK HTTP status code and return a JSON object using the "application/json" content type (RFC 8414 §3.2)',
  on: 'metadata',
  evaluate(e) {
    const expected = '200, application/json, a JSON object at /.well-known/oauth-authorization-server';
    const statuses = e.documents.map((d) => `${d.request.url} → ${d.response.status}`).join('; ');
    const served = servedDocuments(e);
    if (!served.length) {
      return { holds: false, expected, actual: statuses, message: 'the server publishes no metadata document (RFC 8414 or OpenID Connect Discovery)' };
    }
    const wrongType = served.filter((d) => !/^application\/json\b/i.test(d.contentType.trim()));
    if (wrongType.length) {
      const d = wrongType[0];
      return {
        holds: false, expected, actual: `${d.url} served as ${d.contentType || '(no content type)'}`,
        message: `the ${sourceLabel(d.source)} is served as ${d.contentType || '(no content type)'} instead of application/json`,
      };
    }
    if (!served.some((d) => d.source === 'rfc8414')) {
      return {
        holds: true, expected, actual: statuses,
        note: 'published as an OpenID Connect Discovery document only: the RFC 8414 location has none, so clients that look only there find no metadata',
      };
    }
    return { holds: true, expected, actual: statuses };
  },
};
