/**
 * frame — an attacker-origin page frames an authorization request of the server (clickjacking,
 * RFC 6749 §10.13, RFC 9700 §4.16). Evidence: whether the browser rendered the server's page in the
 * frame, the frame's final URL, and the anti-framing headers of the framed document.
 */
import type { Frame, Response } from 'playwright';
import type { FrameEvidence } from '../evidence/types.js';
import { FRAME_PATH } from '../drive/stub.js';
import { safeUrl } from '../evidence/params.js';
import { shot } from '../drive/interaction.js';
import { withinFlow } from '../drive/page-guard.js';
import type { FrameSpec } from '../scenario/schema.js';
import { ATTACKER_HOST } from '../spec/redirect-uri-variants.js';
import { authorizationRequest } from './authorization-request.js';
import { timeouts, type StepContext } from './context.js';

export async function frame(spec: FrameSpec, ctx: StepContext): Promise<FrameEvidence> {
  const r = authorizationRequest({ client: spec.client }, ctx);
  const page = await ctx.page();
  // The framed documents' responses, in order; their headers are read asynchronously, so they are all
  // awaited before judging, and the last non-redirect one (the document shown, or refused) counts.
  const framed: { status: number; headers: Promise<Record<string, string>> }[] = [];
  // Only the server's documents: a redirect straight to a redirect URI ends on the harness's own stub
  // page, whose headers say nothing about the server.
  const ours = (url: string) => { const u = safeUrl(url); return Boolean(u && ctx.isHarnessHost(u.host)); };
  let reachedHarness = false;
  const onResponse = (res: Response) => {
    if (res.request().resourceType() !== 'document' || res.frame() === page.mainFrame()) return;
    if (ours(res.url())) { reachedHarness = true; return; }
    framed.push({ status: res.status(), headers: res.allHeaders().catch(() => res.headers()) });
  };
  page.on('response', onResponse);
  try {
    return await withinFlow(page, timeouts(ctx.target).flow, async () => {
      await page.goto(`https://${ATTACKER_HOST}${FRAME_PATH}?src=${encodeURIComponent(r.url)}`, { waitUntil: 'load', timeout: timeouts(ctx.target).flow });
      const child: Frame | undefined = page.mainFrame().childFrames()[0];
      await child?.waitForLoadState('load', { timeout: timeouts(ctx.target).action }).catch(() => undefined);
      const frameUrl = child?.url() ?? '';
      // A refused frame is replaced by the browser's own error document.
      const rendered = Boolean(child) && !frameUrl.startsWith('chrome-error://') && frameUrl !== 'about:blank'
        && (await child!.evaluate(() => document.body?.innerText.trim().length ?? 0).catch(() => 0)) > 0;
      const shown = [...framed].reverse().find((f) => f.status < 300 || f.status >= 400) ?? framed.at(-1);
      const h = shown ? await shown.headers : {};
      const headers: FrameEvidence['headers'] = { 'x-frame-options': h['x-frame-options'], 'content-security-policy': h['content-security-policy'] };
      ctx.results[ctx.index] = { kind: 'other' };
      return { kind: 'frame', step: ctx.index, url: r.url, rendered, frameUrl, ...(ours(frameUrl) || reachedHarness ? { atHarness: true } : {}), headers, screenshot: await shot(page) } satisfies FrameEvidence;
    });
  } finally {
    page.off('response', onResponse);
  }
}
