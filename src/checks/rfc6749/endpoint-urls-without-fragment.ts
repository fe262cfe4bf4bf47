/**
 * endpoint-urls-without-fragment (META-07) — no endpoint URL the metadata advertises carries a fragment:
 * a client appends its parameters to the query, and a fragment would swallow them. Judged on every
 * `*_endpoint` member (and `jwks_uri`) of every document served.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.1
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-3.2
 */
import type { CheckDefinition } from '../types.js';
import { endpointMembers, servedDocuments, sourceLabel } from '../metadata.js';

export const endpointUrlsWithoutFragment: CheckDefinition<'metadata'> = {
  id: 'endpoint-urls-without-fragment',
  title: 'Endpoint URLs in the metadata carry no fragment',
  catalog: ['META-07'],
  requirements: ['RFC6749-3.1', 'RFC6749-3.2'],
  level: 'MUST',
  quote: 'The endpoint URI MUST NOT include a fragment component.',
  on: 'metadata',
  evaluate(e) {
    const served = servedDocuments(e);
    if (!served.length) return { holds: 'n/a', reason: 'no metadata document was served (see metadata-published)' };
    const expected = 'no "#" in any endpoint URL';
    const found: string[] = [];
    let count = 0;
    for (const d of served) {
      for (const name of endpointMembers(d.json)) {
        const v = d.json[name];
        if (typeof v !== 'string') continue;
        count++;
        if (v.includes('#')) found.push(`${name} ${JSON.stringify(v)} in the ${sourceLabel(d.source)}`);
      }
    }
    if (found.length) return { holds: false, expected, actual: found.join('; '), message: `an endpoint URL has a fragment: ${found[0]}` };
    return { holds: true, expected, actual: `no fragment in ${count} endpoint URL(s)` };
  },
};
