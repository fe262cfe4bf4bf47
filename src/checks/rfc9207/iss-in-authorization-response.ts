/**
 * iss-in-authorization-response (AR-03, MX-01) — every authorization response that reaches the client,
 * success or error, carries `iss` once, and its value is the issuer identifier: the issuer the target
 * profile configured, as recorded by a `metadata` step of the same scenario (else the metadata's own
 * `issuer`). Without a metadata step the value is only checked to be a URL without query or fragment,
 * and the note says so: the authorization endpoint's origin is no stand-in for an issuer, which may
 * carry a path or live on another host. The https scheme is TLS's business (TLS-xx), not judged here.
 * Scenarios gate it on the `iss-parameter` feature (MUST); MX-01 runs it ungated at SHOULD, since
 * without `iss` clients with several authorization servers must fall back to distinct redirect URIs.
 * @see https://www.rfc-editor.org/rfc/rfc9207#section-2
 * @see https://www.rfc-editor.org/rfc/rfc9207#section-2.3
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.4.2
 */
import type { MetadataEvidence } from '../../evidence/types.js';
import { safeUrl } from '../../evidence/params.js';
import type { CheckContext, CheckDefinition } from '../types.js';
import { servedMetadata } from '../metadata.js';
import { deniedWithoutError, responseParams } from '../outcome.js';

const FLAG = 'authorization_response_iss_parameter_supported';

export const issInAuthorizationResponse: CheckDefinition<'authorization'> = {
  id: 'iss-in-authorization-response',
  title: 'Authorization responses, success and error, carry the issuer identifier in iss',
  catalog: ['AR-03', 'MX-01'],
  requirements: ['RFC9207-2', 'RFC9207-2.3', 'RFC9700-4.4.2'],
  level: 'MUST',
  quote: 'In authorization responses to the client, including error responses, an authorization server supporting this specification MUST indicate '
    + 'its identity by including the iss parameter in the response. (RFC 9207 §2) — The issuer identifier included in the server\'s metadata value '
    + 'issuer MUST be identical to the iss parameter\'s value. (§2.3)',
  on: 'authorization',
  evaluate(e, ctx) {
    const params = responseParams(e);
    if (!params || e.outcome.type !== 'redirect' || e.outcome.target !== 'registered') {
      return { holds: 'n/a', reason: 'no authorization response reached the registered redirect URI' };
    }
    const notAnError = deniedWithoutError(e);
    if (notAnError) return { holds: 'n/a', reason: notAnError };
    const kind = params.error ? `error response (error=${params.error[0]})` : 'success response';
    const issuer = issuerOf(e.step, ctx);
    const expected = issuer ? `iss=${issuer.value} (${issuer.source}), once` : 'iss: the issuer identifier, a URL without query or fragment, once';
    const got = params.iss;
    if (!got) {
      const advertised = issuer?.advertised ? `, although the metadata sets ${FLAG}: true` : '';
      return {
        holds: false, expected, actual: `no iss in the ${kind}`,
        message: `iss missing from the ${kind}${advertised}: a client of several authorization servers cannot tell which one answered (RFC 9700 §4.4.2 then leaves it distinct redirect URIs)`,
      };
    }
    const actual = got.map((v) => `iss=${v}`).join(', ');
    if (got.length > 1) return { holds: false, expected, actual, message: `iss repeated ${got.length} times in the ${kind}` };
    const u = safeUrl(got[0]);
    if (!u || u.search || u.hash || got[0].includes('#') || got[0].includes('?')) {
      return { holds: false, expected, actual, message: `iss in the ${kind} is not an issuer identifier (a URL without query or fragment)` };
    }
    if (!issuer) return { holds: true, expected, actual, note: 'present and well-formed; its value was not compared: no metadata step in this scenario' };
    if (got[0] !== issuer.value) {
      return { holds: false, expected, actual, message: `iss in the ${kind} is not the issuer identifier ${issuer.value} (${issuer.source})` };
    }
    return { holds: true, expected, actual: `identical, in the ${kind}` };
  },
};

/** The issuer identifier to compare with, from the latest metadata step before this authorization. */
function issuerOf(step: number, ctx: CheckContext): { value: string; source: string; advertised: boolean } | undefined {
  const m = ctx.all.filter((x): x is MetadataEvidence => x.kind === 'metadata' && x.step < step).at(-1);
  if (!m) return undefined;
  const doc = servedMetadata(m);
  const advertised = doc?.json[FLAG] === true;
  if (m.issuer) return { value: m.issuer, source: 'the configured issuer', advertised };
  const served = doc?.json.issuer;
  return typeof served === 'string' ? { value: served, source: 'the metadata issuer', advertised } : undefined;
}
