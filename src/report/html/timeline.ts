/**
 * The redirect chain of one authorization request as a timeline: each hop the browser took, who
 * answered it (the authorization server, or the harness standing in for the client or an attacker),
 * the status and the Location it was sent on to, then where the request ended.
 */
import type { Hop } from '../../evidence/types.js';
import type { RecordedEvidence } from '../../results/results.js';
import { esc } from './escape.js';
import { fold } from './fold.js';

type Authorization = Extract<RecordedEvidence, { kind: 'authorization' }>;

/** URLs as text, with the masked secrets (‹code:…›) picked out so a reader sees where a code travelled. */
const url = (u: string) => `<code>${esc(u).replace(/‹[^›]*›/g, (m) => `<mark class="secret">${m}</mark>`)}</code>`;

function hop(h: Hop, i: number): string {
  const who = h.atStub ? 'harness (client / attacker host)' : 'authorization server';
  return `<li class="hop ${h.atStub ? 'at-stub' : 'at-server'}"><span class="when">${i + 1}</span><div><b>${esc(h.method)}</b> ${url(h.url)} <span class="t">${esc(who)}</span>
<div>→ <b>${esc(h.status ?? '…')}</b>${h.location ? ` Location: ${url(h.location)}` : ''}</div></div></li>`;
}

function end(o: Authorization['outcome']): string {
  if (o.type === 'redirect') {
    return `<li class="hop end end-redirect"><span class="when">■</span><div>landed on the <b>${esc(o.target)}</b> redirect URI ${url(o.url)}${o.unreachable ? ` <span class="t">(unreachable: ${esc(o.unreachable)})</span>` : ''}</div></li>`;
  }
  return `<li class="hop end end-page"><span class="when">■</span><div>stayed on a server page (HTTP ${esc(o.status ?? '?')}) ${url(o.url)}: <b>${esc(o.title)}</b> — ${esc(o.text.slice(0, 200))}</div></li>`;
}

/** From this many hops, those between the first and the last two (login and consent pages, mostly) fold. */
const FOLD_FROM = 6;

export function timeline(e: Authorization): string {
  const hops = e.chain.map(hop);
  const middle = hops.length >= FOLD_FROM ? hops.slice(1, -2) : [];
  const shown = middle.length
    ? [hops[0], `<li class="hops-folded">${fold('more', `${middle.length} more hops (${esc(whoAnswered(e.chain.slice(1, -2)))})`, `<ul class="timeline">${middle.join('')}</ul>`)}</li>`, ...hops.slice(-2)]
    : hops;
  return `<ol class="timeline">${shown.join('')}${end(e.outcome)}</ol>`;
}

const whoAnswered = (hops: Hop[]) => (hops.every((h) => !h.atStub) ? 'at the authorization server' : 'at the server and the harness');
