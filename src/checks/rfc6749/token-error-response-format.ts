/**
 * token-error-response-format (TK-13) — a token endpoint error is a JSON object with an `error` code
 * from RFC 6749 §5.2 (or a registered extension), ASCII-only error and error_description, with status
 * 400 (401 for invalid_client). Expected on failing token steps; judges the form, never the security.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.2
 */
import type { CheckDefinition } from '../types.js';
import { describeTokenResponse, headerOf, issuedAccessToken, tokenBody } from '../token-response.js';

const RFC6749_ERRORS = ['invalid_request', 'invalid_client', 'invalid_grant', 'unauthorized_client', 'unsupported_grant_type', 'invalid_scope'];
/** Registered extensions (RFC 8707, RFC 8628, RFC 9449) a token endpoint may also answer. */
const EXTENSION_ERRORS = ['invalid_target', 'authorization_pending', 'slow_down', 'access_denied', 'expired_token', 'invalid_dpop_proof', 'use_dpop_nonce'];
/** error and error_description: %x20-21 / %x23-5B / %x5D-7E (no quote, no backslash); error without spaces. */
const ERROR_CHARS = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
const DESCRIPTION_CHARS = /^[\x20-\x21\x23-\x5B\x5D-\x7E]*$/;

export const tokenErrorResponseFormat: CheckDefinition<'token'> = {
  id: 'token-error-response-format',
  title: 'Token endpoint errors are well-formed (status, JSON, defined error code, ASCII)',
  catalog: ['TK-13'],
  requirements: ['RFC6749-5.2'],
  level: 'MUST',
  quote: 'The authorization server responds with an HTTP 400 (Bad Request) status code (unless specified otherwise) and includes the following parameters with the response: error REQUIRED. A single ASCII [USASCII] error code from the following',
  on: 'token',
  // A 5xx or a non-JSON page is an answer this rule judges (malformed), not the harness's error.
  expectsRefusal: true,
  evaluate(e) {
    if (issuedAccessToken(e)) return { holds: 'n/a', reason: 'the request succeeded: no error response to judge' };
    const body = tokenBody(e);
    const error = typeof body?.error === 'string' ? body.error : undefined;
    const expected = '400 (401 for invalid_client), application/json, error from RFC 6749 §5.2, ASCII error and error_description';
    const actual = `${describeTokenResponse(e)}, content-type ${headerOf(e.response.headers, 'content-type') ?? '(none)'}`;
    const wrong: string[] = [];
    const status = e.response.status;
    if (status !== 400 && !(status === 401 && error === 'invalid_client')) wrong.push(`status ${status}`);
    if (!/^application\/json\b/i.test(headerOf(e.response.headers, 'content-type') ?? '')) wrong.push('not served as application/json');
    if (!body) wrong.push('no JSON object body');
    else if (error === undefined) wrong.push('no error member');
    else {
      if (!ERROR_CHARS.test(error)) wrong.push(`error ${JSON.stringify(error)} has characters outside the allowed ASCII set`);
      else if (!RFC6749_ERRORS.includes(error) && !EXTENSION_ERRORS.includes(error)) wrong.push(`error=${error} is not an RFC 6749 §5.2 (or registered) code`);
      const description = body.error_description;
      if (description !== undefined && (typeof description !== 'string' || !DESCRIPTION_CHARS.test(description))) wrong.push('error_description has characters outside the allowed ASCII set');
    }
    if (wrong.length) return { holds: false, expected, actual, message: `malformed token error response: ${wrong.join('; ')}` };
    return { holds: true, expected, actual };
  },
};
