/** HTML escaping and the small pieces every section of the summary uses. */
import type { Verdict } from '../../checks/types.js';
import { requirementLabel, requirementUrl } from '../../spec/links.js';
import { safeTerminal } from '../../text/terminal.js';

/**
 * Text into HTML. A server's control characters and bidi overrides (which reorder what a reader sees)
 * are shown as escapes, like in the terminal; line breaks and tabs are kept for <pre> blocks.
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;
export const esc = (s: unknown): string =>
  String(s ?? '').replace(INVISIBLE, (c) => safeTerminal(c)).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const badge = (v: Verdict) => `<span class="v v-${v}">${v}</span>`;

/** A requirement id as a link to its section ("RFC 6749 §4.1.2"). */
export const requirementLink = (id: string, url = requirementUrl(id)) => `<a href="${esc(url)}">${esc(requirementLabel(id))}</a>`;

/** Where a scenario shows once under several verdicts, it shows under the worst (the project's one order). */
export { worse as worst } from '../../checks/verdict-order.js';
