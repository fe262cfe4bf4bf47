/**
 * client-assertion-audience-checked (CA-01) — a token request authenticated with a JWT client assertion whose aud is another server's token endpoint gets no tokens.
 * Judged on what happened: no tokens. The error code (invalid_client) is reported beside it.
 * @see https://www.rfc-editor.org/rfc/rfc7523#section-3
 * @see https://www.rfc-editor.org/rfc/rfc7519#section-4.1.3
 */
import type { CheckDefinition } from '../types.js';
import { forgedAssertionRefused } from '../jwt.js';

const WHAT: Record<string, string> = { 'wrong-aud': 'with a client assertion addressed to another server (aud)' };

export const clientAssertionAudienceChecked: CheckDefinition<'token'> = {
  id: 'client-assertion-audience-checked',
  title: 'A client assertion addressed to another audience is refused',
  catalog: ['CA-01'],
  requirements: ['RFC7523-3', 'RFC7519-4.1.3'],
  level: 'MUST',
  quote: 'The authorization server MUST reject any JWT that does not contain its own identity as the intended audience.',
  on: 'token',
  evaluate: (e) => forgedAssertionRefused(e, WHAT),
};
