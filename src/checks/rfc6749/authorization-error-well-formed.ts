/**
 * authorization-error-well-formed (AR-07) — an error response the server redirects to the client is
 * well-formed: exactly one `error`, a code RFC 6749 §4.1.2.1 defines (or OpenID Connect's; any other
 * is lenient), `error` and `error_description` in the allowed ASCII range, and the code that fits the
 * request when it is unambiguous (access_denied after the user denied; invalid_request for a missing
 * response_type or a repeated parameter; unsupported_response_type for an unknown one) — another code
 * is lenient. A user who denied consent and still got a code fails. Whether an invalid request should
 * have been refused at all, and state/iss in the response, are other checks (AZ-03, AZ-05, AR-01, AR-03).
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1
 */
import type { AuthorizationEvidence } from '../../evidence/types.js';
import type { CheckDefinition } from '../types.js';
import { describeOutcome, repeatedParams, responseParams } from '../outcome.js';

const RFC6749_CODES = ['invalid_request', 'unauthorized_client', 'access_denied', 'unsupported_response_type', 'invalid_scope', 'server_error', 'temporarily_unavailable'];
const OIDC_CODES = ['interaction_required', 'login_required', 'account_selection_required', 'consent_required', 'invalid_request_uri', 'invalid_request_object',
  'request_not_supported', 'request_uri_not_supported', 'registration_not_supported'];
const RESPONSE_TYPE_MEMBERS = new Set(['code', 'token', 'id_token', 'none']);
/** %x20-21 / %x23-5B / %x5D-7E: printable ASCII without `"` and `\`. */
const OUTSIDE_ERROR_CHARSET = /[^\x20\x21\x23-\x5B\x5D-\x7E]/;

export const authorizationErrorWellFormed: CheckDefinition<'authorization'> = {
  id: 'authorization-error-well-formed',
  title: 'Error responses at the redirect URI carry one defined error code, in ASCII',
  catalog: ['AR-07'],
  requirements: ['RFC6749-4.1.2.1'],
  level: 'MUST',
  quote: 'error REQUIRED. A single ASCII [USASCII] error code from the following: […] Values for the "error" parameter MUST NOT include characters '
    + 'outside the set %x20-21 / %x23-5B / %x5D-7E.',
  on: 'authorization',
  expectsRefusal: true,
  evaluate(e) {
    const o = e.outcome;
    if (o.type === 'error-page') return { holds: 'n/a', reason: `the server answered on its own page (${describeOutcome(e)}): no error response reached the client` };
    if (o.target !== 'registered') return { holds: 'n/a', reason: 'the response went elsewhere than the registered redirect URI (redirect-uri-rejected judges that)' };
    const params = responseParams(e);
    const fit = fittingError(e);
    const expected = `a redirect to the registered URI with ${fit ? `error=${fit.code}` : 'an error code of RFC 6749 §4.1.2.1'}; error and error_description within %x20-21 / %x23-5B / %x5D-7E`;
    if (!params?.error) {
      if (e.consent === 'deny' && e.denied !== false && params?.code) {
        return { holds: false, expected, actual: describeOutcome(e), message: 'the user denied consent, yet the server issued an authorization code' };
      }
      return { holds: 'n/a', reason: `not an error response (${describeOutcome(e)}); whether this request should have been refused is another rule` };
    }
    const error = params.error[0];
    const actual = [`error=${error}`, ...(params.error_description ?? []).map((d) => `error_description=${JSON.stringify(d)}`)].join(', ');
    if (params.error.length > 1) return { holds: false, expected, actual, message: `error repeated ${params.error.length} times` };
    for (const name of ['error', 'error_description']) {
      const bad = (params[name] ?? []).find((v) => OUTSIDE_ERROR_CHARSET.test(v));
      if (bad !== undefined) return { holds: false, expected, actual, message: `${name} has characters outside %x20-21 / %x23-5B / %x5D-7E: ${JSON.stringify(bad)}` };
    }
    if (!RFC6749_CODES.includes(error) && !OIDC_CODES.includes(error)) {
      return { holds: 'lenient', expected, actual, message: `error=${error} is not a code RFC 6749 §4.1.2.1 (or OpenID Connect) defines` };
    }
    if (fit && !fit.accepted.includes(error)) {
      return { holds: 'lenient', expected, actual, message: `error=${error} where ${fit.code} fits: ${fit.why}` };
    }
    return { holds: true, expected, actual };
  },
};

/** The error code the request calls for, when the request makes it unambiguous. */
function fittingError(e: AuthorizationEvidence): { code: string; accepted: string[]; why: string } | undefined {
  if (e.consent === 'deny') return { code: 'access_denied', accepted: ['access_denied'], why: 'the resource owner denied the request' };
  const rt = e.request.params.response_type;
  if (rt === undefined || rt === '') return { code: 'invalid_request', accepted: ['invalid_request'], why: 'the request has no response_type' };
  const repeated = repeatedParams(e.request.url);
  if (repeated.length) return { code: 'invalid_request', accepted: ['invalid_request'], why: `the request repeats ${repeated.join(', ')}` };
  if (!rt.split(' ').every((m) => RESPONSE_TYPE_MEMBERS.has(m))) {
    return { code: 'unsupported_response_type', accepted: ['unsupported_response_type'], why: `response_type=${rt} is not a response type` };
  }
  return undefined;
}
