/**
 * metadata-no-deprecated-grants (META-06) — the metadata does not advertise the grants RFC 9700
 * deprecates: no response type issuing an access token at the authorization endpoint (`token`,
 * `id_token token`, `code token`, ... any containing the `token` member) in `response_types_supported`,
 * no `password` (nor `implicit`) in `grant_types_supported`. Only what is advertised is judged here; whether
 * the endpoints honour such requests is DG-01..DG-04's business. Both documents are judged.
 * Level: the catalog marks this row "info" (no document says what metadata may list). SHOULD under
 * RFC 9700 and OAuth 2.1 is the harness's reading: advertising a grant that clients SHOULD NOT (implicit)
 * or MUST NOT (password) use invites that use. MAY under RFC 6749, which defines both grants.
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-2.1.2
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-2.4
 */
import type { CheckDefinition } from '../types.js';
import { servedDocuments, sourceLabel, stringList } from '../metadata.js';

export const metadataNoDeprecatedGrants: CheckDefinition<'metadata'> = {
  id: 'metadata-no-deprecated-grants',
  title: 'The metadata advertises neither the implicit nor the password grant',
  catalog: ['META-06'],
  requirements: ['RFC9700-2.1.2', 'RFC9700-2.4'],
  level: { default: 'SHOULD', rfc6749: 'MAY', fapi2: 'MUST' }, // FAPI 2.0 §5.3.2.1: shall reject the password grant; code grant only
  quote: 'clients SHOULD NOT use the implicit grant (response type "token") or other response types issuing access tokens in the authorization response (§2.1.2). '
    + 'The resource owner password credentials grant [RFC6749] MUST NOT be used. (§2.4)',
  on: 'metadata',
  evaluate(e) {
    const served = servedDocuments(e);
    if (!served.length) return { holds: 'n/a', reason: 'no metadata document was served (see metadata-published)' };
    const expected = 'no response type containing "token" in response_types_supported; no "password" or "implicit" in grant_types_supported';
    const found: string[] = [];
    for (const d of served) {
      const implicit = (stringList(d.json.response_types_supported) ?? []).filter((t) => t.split(' ').includes('token'));
      const grants = (stringList(d.json.grant_types_supported) ?? []).filter((g) => g === 'password' || g === 'implicit');
      const items = [...implicit.map((t) => `response type ${JSON.stringify(t)}`), ...grants.map((g) => `grant type ${JSON.stringify(g)}`)];
      if (items.length) found.push(`${items.join(', ')} in the ${sourceLabel(d.source)}`);
    }
    if (found.length) return { holds: false, expected, actual: found.join('; '), message: `the metadata advertises deprecated grants: ${found[0]}` };
    return { holds: true, expected, actual: `none advertised in ${served.length} document(s)` };
  },
};
