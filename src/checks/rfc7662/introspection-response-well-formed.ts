/**
 * introspection-response-well-formed (IN-04) — an authorized introspection is answered with a JSON
 * object (application/json) whose `active` is a boolean; the optional members a server adds have the
 * types RFC 7662 §2.2 gives them (strings, integer timestamps, `aud` a string or array of strings).
 * @see https://www.rfc-editor.org/rfc/rfc7662#section-2.2
 */
import type { CheckDefinition } from '../types.js';
import { headerOf } from '../token-response.js';

const STRINGS = ['scope', 'client_id', 'username', 'token_type', 'sub', 'iss', 'jti'];
const TIMES = ['exp', 'iat', 'nbf'];

export const introspectionResponseWellFormed: CheckDefinition<'introspection'> = {
  id: 'introspection-response-well-formed',
  title: 'The introspection response is a JSON object with a boolean active and typed members',
  catalog: ['IN-04'],
  requirements: ['RFC7662-2.2'],
  level: 'MUST',
  quote: 'The server responds with a JSON object [RFC7159] in "application/json" format with the following top-level members. ... active REQUIRED. Boolean indicator of whether or not the presented token is currently active.',
  on: 'introspection',
  evaluate(e) {
    if (e.variants?.some((v) => v.startsWith('auth:'))) return { holds: 'n/a', reason: 'the caller did not authenticate as registered' };
    if (!e.exchange) return { holds: 'n/a', reason: 'the server advertises no introspection_endpoint (RFC 8414 metadata)' };
    const { status, json, headers } = e.exchange.response;
    if (status !== 200) return { holds: 'n/a', reason: `the endpoint answered ${status}, not an introspection response` };
    const expected = 'application/json object; "active" boolean; exp/iat/nbf integers; scope, client_id, username, token_type, sub, iss, jti strings; aud string or strings';
    const type = headerOf(headers, 'content-type') ?? '(none)';
    const body = json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
    const wrong: string[] = [];
    if (!/^application\/json\b/i.test(type)) wrong.push(`Content-Type ${type.slice(0, 60)}`);
    if (!body) return { holds: false, expected, actual: `${wrong.join('; ') || 'a body'} that is not a JSON object`, message: 'the introspection response is not a JSON object' };
    if (typeof body.active !== 'boolean') wrong.push(`"active": ${JSON.stringify(body.active)?.slice(0, 40) ?? 'missing'}`);
    for (const k of STRINGS) if (k in body && typeof body[k] !== 'string') wrong.push(`"${k}" is ${typeof body[k]}`);
    for (const k of TIMES) if (k in body && !Number.isInteger(body[k])) wrong.push(`"${k}" is ${JSON.stringify(body[k])?.slice(0, 30)}`);
    if ('aud' in body && typeof body.aud !== 'string' && !(Array.isArray(body.aud) && body.aud.every((a) => typeof a === 'string'))) wrong.push('"aud" is neither a string nor strings');
    const actual = wrong.length ? wrong.join('; ') : `members ${Object.keys(body).filter((k) => /^[\w.-]{1,40}$/.test(k)).slice(0, 14).join(', ')}`;
    if (wrong.length) return { holds: false, expected, actual, message: `the introspection response is malformed: ${wrong.join('; ')}` };
    return { holds: true, expected, actual };
  },
};
