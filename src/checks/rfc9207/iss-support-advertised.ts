/**
 * iss-support-advertised (META-05) — a server whose authorization responses carry `iss` says so in its
 * metadata: `authorization_response_iss_parameter_supported: true`. Judged on an authorization response
 * that reached the client, against the metadata fetched by an earlier `metadata` step of the same
 * scenario. The other direction (advertised, but the response has no `iss`) is a missing `iss`, judged
 * by AR-03/MX-01: here it is n/a, so one deviation is not reported twice. Whether `iss` equals the issuer
 * is AR-03/MX-01's business too.
 * @see https://www.rfc-editor.org/rfc/rfc9207#section-2.3
 * @see https://www.rfc-editor.org/rfc/rfc9207#section-3
 */
import type { MetadataEvidence } from '../../evidence/types.js';
import type { CheckDefinition } from '../types.js';
import { servedMetadata, sourceLabel } from '../metadata.js';
import { responseParams } from '../outcome.js';

const FLAG = 'authorization_response_iss_parameter_supported';

export const issSupportAdvertised: CheckDefinition<'authorization'> = {
  id: 'iss-support-advertised',
  title: 'A server returning iss in authorization responses advertises authorization_response_iss_parameter_supported',
  catalog: ['META-05'],
  requirements: ['RFC9207-2.3', 'RFC9207-3'],
  level: 'MUST',
  quote: 'The server MUST indicate its support for the iss parameter by setting the metadata parameter authorization_response_iss_parameter_supported, '
    + 'defined in Section 3, to true.',
  on: 'authorization',
  evaluate(e, ctx) {
    const fetched = ctx.all.filter((x): x is MetadataEvidence => x.kind === 'metadata' && x.step < e.step).at(-1);
    if (!fetched) return { holds: 'n/a', reason: 'no metadata step before this authorization in the scenario' };
    const doc = servedMetadata(fetched);
    if (!doc) return { holds: 'n/a', reason: 'no metadata document was served (see metadata-published)' };
    const params = responseParams(e);
    if (!params) return { holds: 'n/a', reason: 'no authorization response reached the client' };
    const flag = doc.json[FLAG];
    if (params.iss === undefined) {
      return { holds: 'n/a', reason: flag === true
        ? `the metadata sets ${FLAG}: true but the response carries no iss: a missing iss, judged by AR-03/MX-01`
        : 'the response carries no iss and the metadata does not advertise it: RFC 9207 is not used' };
    }
    const expected = `${FLAG}: true (the response carries iss)`;
    const actual = `${FLAG}: ${flag === undefined ? '(absent)' : JSON.stringify(flag)} in the ${sourceLabel(doc.source)}; iss present in the response`;
    if (flag !== true) return { holds: false, expected, actual, message: `the response carries iss but the metadata does not set ${FLAG} to true` };
    return { holds: true, expected, actual };
  },
};
