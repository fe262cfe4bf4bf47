/** Each piece of evidence of a scenario, with what it takes to reproduce it: the authorization URL, a curl per back-channel call. */
import { curlOf } from '../../results/curl.js';
import type { RecordedEvidence } from '../../results/results.js';
import { esc } from './escape.js';
import { foldedPre } from './fold.js';
import { timeline } from './timeline.js';

/** Reads a report file (a screenshot) by its name in results.json. */
export type ReadFile = (relativePath: string) => Buffer;

/**
 * One piece of evidence under its heading: open, or (evidence of a step where nothing broke, in a
 * scenario where something did) folded to the heading.
 */
export function evidence(e: RecordedEvidence, read: ReadFile, open = true): string {
  const block = (title: string, body: string) => `<details class="ev"${open ? ' open' : ''}><summary><h4>${title}</h4></summary>${body}</details>`;
  if (e.kind === 'authorization') {
    return block(`Step ${e.step}: authorization (${esc(e.client)}${e.redirectUri?.variant ? `, redirect_uri variant <b>${esc(e.redirectUri.variant)}</b>` : ''})`, `
<p>Reproduce: open <code class="repro">${esc(e.request.url)}</code></p>
${timeline(e)}
<p>Interactions: ${esc(e.interactions.join(' → ') || 'none')}.${e.denied === undefined ? '' : e.denied ? ' The user denied consent.' : ' Nothing was denied: no deny steps ran.'}</p>${img(e.screenshot, read)}`);
  }
  if (e.kind === 'token-race') {
    const what = e.grant === 'refresh_token' ? 'refreshes' : 'token requests';
    const first = e.rounds[0]?.exchanges[0];
    return block(`Step ${e.step}: ${e.rounds.length} round(s) of ${e.concurrent} concurrent ${what}, released together`, `${first ? `<pre class="repro">${esc(curlOf(first.request))}</pre>` : ''}
${e.rounds.map((r, k) => `<p>Round ${k + 1}${r.primed < r.exchanges.length ? ` (${r.primed} of ${r.exchanges.length} released together)` : ''}:</p>
<ol>${r.exchanges.map((x, i) => `<li>${x.failed ? `no answer (${esc(x.failed)})` : `HTTP ${x.response.status} ${esc(x.response.body.slice(0, 200))}`}${r.resourceStatuses?.[i] !== undefined ? `; its access token at the resource: HTTP ${r.resourceStatuses[i]}` : ''}${r.refreshStatuses?.[i] !== undefined ? `; its new refresh token, used once more: HTTP ${r.refreshStatuses[i]}` : ''}</li>`).join('')}</ol>`).join('\n')}${e.stopped ? `<p>${esc(e.stopped)}</p>` : ''}`);
  }
  if (e.kind === 'introspection') {
    return block(`Step ${e.step}: introspection of the ${e.which === 'refresh_token' ? 'refresh' : 'access'} token of step ${e.tokenFrom}${e.exchange ? ` → HTTP ${e.exchange.response.status}` : ''}`, `${e.exchange ? exchange(e.exchange) : '<p>The metadata advertises no <code>introspection_endpoint</code>.</p>'}`);
  }
  if (e.kind === 'tls') {
    const v = e.verification;
    return block(`Step ${e.step}: TLS handshakes with ${esc(e.address)} (${esc(e.endpoint)} endpoint)`, `<p>Certificate: ${v.verified ? 'verified' : `<b>not verified</b> (${esc(v.error ?? '?')})`}; subject <code>${esc(v.subject ?? '?')}</code>, issuer <code>${esc(v.issuer ?? '?')}</code>, valid to ${esc(v.validTo ?? '?')}</p>
<ol>${e.handshakes.map((h) => `<li>${esc(h.version)} alone: ${h.accepted ? 'accepted' : `refused (${esc(h.error ?? '?')})${h.clientLimit ? ' — the probe could not offer it' : ''}`}</li>`).join('')}</ol>`);
  }
  if (e.kind === 'metadata') {
    return block(`Step ${e.step}: metadata of ${esc(e.issuer)}`, `${e.documents.map((d) => exchange(d)).join('')}`);
  }
  if (e.kind === 'frame') {
    return block(`Step ${e.step}: framed by an attacker page`, `<p>${e.atHarness ? 'The server showed no page: the request went straight to the redirect URI, and the frame ended on the harness\'s own page (not judged).' : e.rendered ? 'The server\'s page rendered inside the attacker\'s frame.' : 'The browser refused to render the page in the frame.'} Frame ended at <code>${esc(e.frameUrl)}</code>; X-Frame-Options: <code>${esc(e.headers['x-frame-options'] ?? '(none)')}</code>; CSP: <code>${esc(e.headers['content-security-policy'] ?? '(none)')}</code></p>${img(e.screenshot, read)}`);
  }
  if (e.kind === 'par') {
    return block(`Step ${e.step}: pushed authorization request by ${esc(e.client)}${e.exchange ? ` → HTTP ${e.exchange.response.status}` : ''}`, e.exchange ? exchange(e.exchange) : '<p>The metadata advertises no <code>pushed_authorization_request_endpoint</code>.</p>');
  }
  if (e.kind === 'device') {
    return block(`Step ${e.step}: device authorization grant of ${esc(e.client)}`, `${e.authorization ? exchange(e.authorization) : '<p>The metadata advertises no <code>device_authorization_endpoint</code>.</p>'}${e.approval ? `<p>Verification page: ${esc(e.approval.ran.join(' → ') || 'no interaction')}; ended on <code>${esc(e.approval.url)}</code> "${esc(e.approval.title)}"</p>` : ''}
<ol>${e.polls.map((p) => `<li>${esc(p.phase)} poll by ${esc(p.client)} at ${p.at.toFixed(1)} s: HTTP ${p.response.status} ${esc(p.response.body.slice(0, 200))}</li>`).join('')}</ol>`);
  }
  return block(`Step ${e.step}: ${esc(e.kind)} → HTTP ${e.response.status} (${e.durationMs} ms)`, `${exchange(e)}`);
}

function exchange(x: { request: Parameters<typeof curlOf>[0]; response: { status: number; body: string } }): string {
  return `<pre class="repro">${esc(curlOf(x.request))}</pre>${foldedPre(`HTTP ${x.response.status}\n${x.response.body.slice(0, 2000)}`)}`;
}

export function img(name: string | undefined, read: ReadFile): string {
  if (!name) return '';
  try {
    return `<img class="shot" alt="screenshot" src="data:image/png;base64,${read(name).toString('base64')}">`;
  } catch {
    return `<p class="t">(screenshot ${esc(name)} missing)</p>`;
  }
}
