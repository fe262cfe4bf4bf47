/**
 * What a flow makes of the requests the page guard blocked (drive/page-guard.ts): a subresource or
 * frame is marked in the evidence; the browser sent to an origin the profile does not name is the
 * run's `error` with that URL — unless the scenario itself sent a manipulated redirect_uri, where the
 * server's redirect there is the evidence (its Location), judged by the scenario's checks.
 */
import type { Page } from 'playwright';
import type { AuthorizationOutcome, Subresource } from '../evidence/types.js';
import { HarnessError } from '../harness-error.js';
import { blockedSince, type Blocked } from './page-guard.js';

const HINT = 'the harness reaches only origins the target profile names; if that origin really is this server\'s (a separate login domain), add it to `allowed_origins:` in the target profile';

export function explainBlocked(page: Page, from: number, driven: { outcome: AuthorizationOutcome; subresources: Subresource[] }, variant: boolean): void {
  const why = new Map(blockedSince(page, from).map((b) => [b.url, b.why]));
  for (const s of driven.subresources) if (why.has(s.url)) s.blocked = why.get(s.url);
  const o = driven.outcome;
  if (o.type !== 'redirect' || !o.unreachable) return;
  if (why.has(o.url)) {
    o.unreachable = `blocked by the harness: ${why.get(o.url)}`;
    if (!variant) throw new HarnessError(`the server sent the browser to ${o.url}: blocked, ${why.get(o.url)}`, HINT);
  }
  // Chromium's own refusal (a redirect to javascript:, file:, data:): in a flow that sent the registered
  // redirect URI, the server sent the browser somewhere no client could be.
  if (!variant && o.target === 'other') {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(o.url)?.[1]?.toLowerCase();
    const reason = scheme && scheme !== 'http' && scheme !== 'https' ? `its scheme ${scheme}: is not http(s)` : o.unreachable;
    throw new HarnessError(`the server sent the browser to ${o.url}, not to the redirect URI: not followed (${reason})`, 'only http(s) pages of the target\'s origins are opened; check the server\'s redirect after the authorization request');
  }
}

/** A flow that failed after a navigation was blocked: the blocked URL is the cause to name. */
export function blockedNavigationError(page: Page, from: number): HarnessError | undefined {
  const doc = blockedSince(page, from).find((b: Blocked) => b.type === 'Document');
  return doc && new HarnessError(`the browser was sent to ${doc.url} during the flow: blocked, ${doc.why}`, HINT);
}
