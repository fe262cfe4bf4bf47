/**
 * par-request-uri-bound-to-client (PAR-05) — a request_uri pushed by one client, sent to the
 * authorization endpoint with another client's client_id, issues nothing.
 * @see https://www.rfc-editor.org/rfc/rfc9126#section-2.2
 * @see https://www.rfc-editor.org/rfc/rfc9126#section-4
 */
import type { CheckDefinition } from '../types.js';
import { describeOutcome, refusalOf } from '../outcome.js';
import { notPushed } from '../par-evidence.js';

export const parRequestUriBoundToClient: CheckDefinition<'authorization'> = {
  id: 'par-request-uri-bound-to-client',
  title: 'A request_uri is bound to the client that pushed it',
  catalog: ['PAR-05'],
  requirements: ['RFC9126-2.2', 'RFC9126-4'],
  level: 'MUST',
  quote: 'The request URI MUST be bound to the client that posted the authorization request.',
  on: 'authorization',
  expectsRefusal: true,
  evaluate(e, ctx) {
    const why = notPushed(e, ctx);
    if (why) return { holds: 'n/a', reason: why };
    if (e.client === e.pushed!.client) return { holds: 'n/a', reason: `the request_uri was used by the client that pushed it (${e.client})` };
    const r = refusalOf(e);
    const expected = `no code: client "${e.client}" may not use client "${e.pushed!.client}"'s request_uri`;
    const actual = describeOutcome(e);
    if (!r.refused) return { holds: false, expected, actual, message: `an authorization request with client "${e.client}"'s client_id and the request_uri pushed by client "${e.pushed!.client}" got ${r.delivered.join(', ')}` };
    return { holds: true, expected, actual };
  },
};
