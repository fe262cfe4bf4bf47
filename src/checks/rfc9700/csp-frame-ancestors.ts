/**
 * csp-frame-ancestors (BR-01) — besides preventing framing at all (clickjacking-prevented), the server
 * uses CSP level 2: the framed page's Content-Security-Policy has a frame-ancestors directive that does
 * not allow any origin (`*`, or a bare scheme such as `https:`). X-Frame-Options alone breaks this SHOULD.
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.16
 */
import type { CheckDefinition } from '../types.js';
import { NO_SERVER_PAGE } from '../frame.js';

export const cspFrameAncestors: CheckDefinition<'frame'> = {
  id: 'csp-frame-ancestors',
  title: 'The server\'s pages restrict framing with CSP frame-ancestors',
  catalog: ['BR-01'],
  requirements: ['RFC9700-4.16'],
  level: { default: 'SHOULD', rfc6749: 'MAY' },
  quote: 'In addition to those, authorization servers SHOULD also use Content Security Policy (CSP) level 2 [W3C.CSP-2] or greater.',
  on: 'frame',
  freshBrowser: true,
  evaluate(e) {
    if (!e.frameUrl || e.frameUrl === 'about:blank') return { holds: 'n/a', reason: 'the attacker page\'s frame never loaded the server\'s page' };
    if (e.atHarness) return { holds: 'n/a', reason: NO_SERVER_PAGE };
    const csp = e.headers['content-security-policy'];
    const expected = 'Content-Security-Policy with frame-ancestors restricted to named origins (\'none\', \'self\' or a list)';
    const directives = [...(csp ?? '').matchAll(/(?:^|[;,\n])\s*frame-ancestors\b([^;,\n]*)/gi)].map((m) => m[1].trim());
    const actual = csp === undefined ? 'no Content-Security-Policy' : `Content-Security-Policy: ${csp}`;
    if (!directives.length) {
      const xfo = e.headers['x-frame-options'];
      return { holds: false, expected, actual: xfo ? `${actual}; X-Frame-Options: ${xfo}` : actual, message: `no CSP frame-ancestors directive${xfo ? ' (X-Frame-Options only)' : ''}` };
    }
    const open = directives.find((d) => d.split(/\s+/).some((s) => s === '*' || /^[a-z][a-z0-9+.-]*:$/i.test(s)));
    if (open !== undefined) return { holds: false, expected, actual, message: `frame-ancestors ${open} lets any site frame the page` };
    return { holds: true, expected, actual };
  },
};
