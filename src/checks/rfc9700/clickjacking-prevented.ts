/**
 * clickjacking-prevented (BR-01) — an attacker-origin page cannot frame the authorization server's pages:
 * the browser refuses to render the authorization request (and the login page it leads to) inside an
 * iframe of https://attacker.example. Decided by the active attempt (did it render?), whatever the
 * mechanism; the anti-framing headers seen are reported beside it (CSP frame-ancestors: see
 * csp-frame-ancestors).
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.16
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-10.13
 */
import type { FrameEvidence } from '../../evidence/types.js';
import type { CheckDefinition } from '../types.js';
import { NO_SERVER_PAGE } from '../frame.js';

function describeFrameHeaders(e: FrameEvidence): string {
  const h = e.headers;
  return `X-Frame-Options: ${h['x-frame-options'] ?? '(none)'}; Content-Security-Policy: ${h['content-security-policy'] ?? '(none)'}`;
}

export const clickjackingPrevented: CheckDefinition<'frame'> = {
  id: 'clickjacking-prevented',
  title: 'The authorization server\'s pages cannot be framed by another site',
  catalog: ['BR-01'],
  requirements: ['RFC9700-4.16', 'RFC6749-10.13'],
  level: { default: 'MUST', rfc6749: 'SHOULD' },
  quote: 'Authorization servers MUST prevent clickjacking attacks. Multiple countermeasures are described in [RFC6819], including the use of the '
    + 'X-Frame-Options HTTP response header field and frame-busting JavaScript. (RFC 9700 §4.16)',
  on: 'frame',
  freshBrowser: true,
  evaluate(e) {
    if (!e.frameUrl || e.frameUrl === 'about:blank') return { holds: 'n/a', reason: 'the attacker page\'s frame never loaded the server\'s page' };
    if (e.atHarness) return { holds: 'n/a', reason: NO_SERVER_PAGE };
    const expected = 'the browser refuses to render the page in a frame of https://attacker.example';
    const headers = describeFrameHeaders(e);
    if (e.rendered) {
      return { holds: false, expected, actual: `rendered in the frame at ${e.frameUrl} (${headers})`, message: `the server's page rendered inside an attacker-origin frame (${headers})` };
    }
    const actual = `not rendered: the frame ended at ${e.frameUrl} (${headers})`;
    const guarded = e.headers['x-frame-options'] || /frame-ancestors/i.test(e.headers['content-security-policy'] ?? '');
    return { holds: true, expected, actual, ...(guarded ? {} : { note: 'not rendered, though the page sent neither X-Frame-Options nor CSP frame-ancestors' }) };
  },
};
