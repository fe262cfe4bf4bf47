/**
 * The one-page HTML summary, rendered from results.json alone: self-contained (styles, script and
 * screenshots inlined), readable offline and in print. Every value is escaped; every value was
 * redacted before it reached results.json.
 */
import type { CheckOutcome, Verdict } from '../checks/types.js';
import { requirementLabel, requirementUrl } from '../spec/links.js';
import { PROFILE_TITLES } from '../spec/levels.js';
import { curlOf } from './curl.js';
import { gated, VERDICTS, type RunResults, type ScenarioRecord } from './results.js';

type Read = (relativePath: string) => Buffer;

const esc = (s: unknown): string =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const badge = (v: Verdict) => `<span class="v v-${v}">${v}</span>`;

export function renderHtml(r: RunResults, read: Read): string {
  const gate = r.scenarios.map(gated);
  const errors = gate.filter((v) => v === 'error').length;
  const fails = gate.filter((v) => v === 'fail').length;
  const known = r.scenarios.filter((s) => s.deviation?.status === 'matched').length;
  const headline = `${errors ? `${errors} scenario(s) could not be run` : fails ? `${fails} MUST failure(s)` : 'no MUST failures'}${known ? ` (${known} known deviation(s) set aside)` : ''}`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>oauth-conformance — ${esc(r.target.name)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${CSS}</style></head><body>
<header><h1>OAuth conformance: ${esc(r.target.name)}</h1>
<p class="meta">${esc(r.target.issuer ?? '')} · profile <b>${esc(PROFILE_TITLES[r.profile])}</b> · ${esc(r.startedAt)} · ${(r.durationMs / 1000).toFixed(1)} s · ${esc(r.harness.name)} ${esc(r.harness.version)}</p>
<p class="headline ${fails || errors ? 'bad' : 'good'}">${esc(headline)}</p>
${(r.target.notes ?? []).map((n) => `<p class="meta">note: ${esc(n)}</p>`).join('')}
<p class="counts">${VERDICTS.map((v) => `<button class="filter" data-v="${v}">${badge(v)} ${r.counts[v]}</button>`).join(' ')} <button class="filter" data-v="all">all ${r.scenarios.length}</button></p></header>
<main><h2>Compliance by requirement</h2>${matrix(r.scenarios)}
<h2>Scenarios</h2><table class="scenarios"><thead><tr><th>verdict</th><th>scenario</th><th>catalog</th><th>level</th><th>why</th></tr></thead><tbody>
${r.scenarios.map((s) => `<tr data-v="${s.verdict}"><td>${badge(s.verdict)}</td><td><a href="#s-${esc(s.id)}">${esc(s.id)}</a><div class="t">${esc(s.title)}</div></td><td>${esc(s.catalog.join(' '))}</td><td>${esc(s.level)}</td><td>${s.deviation ? `<i>known deviation (${esc(s.deviation.status)})</i>: ${esc(s.deviation.reason)}` : esc(s.reason ?? '')}</td></tr>`).join('\n')}
</tbody></table>
<h2>Details</h2>${r.scenarios.map((s) => details(s, read)).join('\n')}</main>
<script>${SCRIPT}</script></body></html>`;
}

/** Requirement × verdict counts, from the checks each scenario ran. */
function matrix(scenarios: ScenarioRecord[]): string {
  const rows = new Map<string, { url?: string; counts: Record<Verdict, Set<string>> }>();
  for (const s of scenarios) {
    for (const c of s.checks) {
      for (const req of c.requirements) {
        const row = rows.get(req.id) ?? { url: req.url ?? requirementUrl(req.id), counts: Object.fromEntries(VERDICTS.map((v) => [v, new Set<string>()])) as Record<Verdict, Set<string>> };
        row.counts[c.verdict].add(s.id);
        rows.set(req.id, row);
      }
    }
  }
  const sorted = [...rows].sort((a, b) => a[0].localeCompare(b[0], 'en', { numeric: true }));
  return `<table class="matrix"><thead><tr><th>requirement</th>${VERDICTS.map((v) => `<th>${badge(v)}</th>`).join('')}</tr></thead><tbody>${sorted
    .map(([id, row]) => `<tr><td><a href="${esc(row.url)}">${esc(requirementLabel(id))}</a></td>${VERDICTS.map((v) => `<td>${[...row.counts[v]].map((sid) => `<a href="#s-${esc(sid)}">${esc(sid)}</a>`).join('<br>')}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function details(s: ScenarioRecord, read: Read): string {
  const open = s.verdict === 'fail' || s.verdict === 'error' ? ' open' : '';
  return `<details id="s-${esc(s.id)}" data-v="${s.verdict}"${open}><summary>${badge(s.verdict)} <b>${esc(s.id)}</b> — ${esc(s.title)}</summary>
<p class="meta">${esc(s.file)} · ${s.requirements.map((id) => `<a href="${esc(requirementUrl(id))}">${esc(requirementLabel(id))}</a>`).join(', ')} · ${(s.durationMs / 1000).toFixed(1)} s</p>
${s.deviation ? `<p class="deviation"><b>Known deviation (${esc(s.deviation.status)}):</b> expected ${esc(s.deviation.verdict)} — ${esc(s.deviation.reason)}</p>` : ''}
${s.error ? `<div class="error"><b>Harness error${s.error.step !== undefined ? ` at step ${s.error.step + 1} (line ${s.stepLines[s.error.step] ?? '?'})` : ''}:</b> ${esc(s.error.message)}${s.error.hint ? `<br><i>hint: ${esc(s.error.hint)}</i>` : ''}${img(s.error.screenshot, read)}</div>` : ''}
${s.checks.length ? `<table class="checks"><thead><tr><th>verdict</th><th>check</th><th>level</th><th>expected</th><th>actual</th><th>message</th></tr></thead><tbody>${s.checks.map((c) => checkRow(c, s)).join('')}</tbody></table>` : ''}
${s.evidence.map((e) => evidence(e, read)).join('')}</details>`;
}

function checkRow(c: CheckOutcome, s: ScenarioRecord): string {
  const where = `step ${c.step + 1}${s.stepLines[c.step] ? `, line ${s.stepLines[c.step]}` : ''}${c.ambient ? ', ambient' : ''}`;
  return `<tr class="c-${c.verdict}"><td>${badge(c.verdict)}</td><td><b>${esc(c.check)}</b> <span class="t">${esc(c.catalog.join(' '))} · ${where}</span><div class="t">${c.requirements.map((r) => `<a href="${esc(r.url)}">${esc(requirementLabel(r.id))}</a>`).join(', ')}</div></td><td>${esc(c.level)}</td><td>${esc(c.expected ?? '')}</td><td>${esc(c.actual ?? '')}</td><td>${esc(c.message)}</td></tr>`;
}

function evidence(e: ScenarioRecord['evidence'][number], read: Read): string {
  if (e.kind === 'authorization') {
    const o = e.outcome;
    const end = o.type === 'redirect' ? `redirect to ${o.target} URI: <code>${esc(o.url)}</code>` : `server page (HTTP ${esc(o.status ?? '?')}) <code>${esc(o.url)}</code>: ${esc(o.title)} — ${esc(o.text.slice(0, 200))}`;
    return `<div class="ev"><h4>Step ${e.step + 1}: authorization (${esc(e.client)}${e.redirectUri?.variant ? `, redirect_uri variant <b>${esc(e.redirectUri.variant)}</b>` : ''})</h4>
<p>Reproduce: open <code class="repro">${esc(e.request.url)}</code></p>
<ol class="chain">${e.chain.map((h) => `<li>${esc(h.method)} <code>${esc(h.url)}</code> → ${esc(h.status ?? '…')}${h.location ? ` Location: <code>${esc(h.location)}</code>` : ''}</li>`).join('')}</ol>
<p>Interactions: ${esc(e.interactions.join(' → ') || 'none')}. Ended: ${end}</p>${img(e.screenshot, read)}</div>`;
  }
  if (e.kind === 'token-race') {
    return `<div class="ev"><h4>Step ${e.step + 1}: ${e.exchanges.length} concurrent token requests</h4><pre class="repro">${esc(curlOf(e.exchanges[0].request))}</pre>
<ol>${e.exchanges.map((x, i) => `<li>HTTP ${x.response.status}${e.resourceStatuses?.[i] !== undefined ? `; its access token at the resource: HTTP ${e.resourceStatuses[i]}` : ''}</li>`).join('')}</ol></div>`;
  }
  if (e.kind === 'metadata') {
    return `<div class="ev"><h4>Step ${e.step + 1}: metadata of ${esc(e.issuer)}</h4>${e.documents.map((d) => exchange(d)).join('')}</div>`;
  }
  if (e.kind === 'tls') {
    const v = e.verification;
    return `<div class="ev"><h4>Step ${e.step + 1}: TLS handshakes with ${esc(e.address)} (${esc(e.endpoint)} endpoint)</h4><p>Certificate: ${v.verified ? 'verified' : `<b>not verified</b> (${esc(v.error ?? '?')})`}; subject <code>${esc(v.subject ?? '?')}</code>, issuer <code>${esc(v.issuer ?? '?')}</code>, valid to ${esc(v.validTo ?? '?')}</p>
<ol>${e.handshakes.map((h) => `<li>${esc(h.version)} alone: ${h.accepted ? 'accepted' : `refused (${esc(h.error ?? '?')})${h.clientLimit ? ' — the probe could not offer it' : ''}`}</li>`).join('')}</ol></div>`;
  }
  if (e.kind === 'frame') {
    return `<div class="ev"><h4>Step ${e.step + 1}: framed by an attacker page</h4><p>${e.rendered ? 'The server\'s page rendered inside the attacker\'s frame.' : 'The browser refused to render the page in the frame.'} Frame ended at <code>${esc(e.frameUrl)}</code>; X-Frame-Options: <code>${esc(e.headers['x-frame-options'] ?? '(none)')}</code>; CSP: <code>${esc(e.headers['content-security-policy'] ?? '(none)')}</code></p>${img(e.screenshot, read)}</div>`;
  }
  return `<div class="ev"><h4>Step ${e.step + 1}: ${esc(e.kind)} → HTTP ${e.response.status} (${e.durationMs} ms)</h4>${exchange(e)}</div>`;
}

function exchange(x: { request: Parameters<typeof curlOf>[0]; response: { status: number; body: string } }): string {
  return `<pre class="repro">${esc(curlOf(x.request))}</pre><pre>HTTP ${x.response.status}\n${esc(x.response.body.slice(0, 2000))}</pre>`;
}

function img(name: string | undefined, read: Read): string {
  if (!name) return '';
  try {
    return `<img class="shot" alt="screenshot" src="data:image/png;base64,${read(name).toString('base64')}">`;
  } catch {
    return `<p class="t">(screenshot ${esc(name)} missing)</p>`;
  }
}

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1b1f24}header{background:#f4f6f8;padding:16px 24px;border-bottom:1px solid #d0d7de}
main{padding:8px 24px 40px}h1{margin:0 0 4px;font-size:22px}.meta,.t{color:#57606a;font-size:12px}.headline{font-size:18px;font-weight:600;margin:6px 0}
.good{color:#1a7f37}.bad{color:#cf222e}table{border-collapse:collapse;width:100%;margin:8px 0 16px}th,td{border-bottom:1px solid #d8dee4;padding:4px 8px;text-align:left;vertical-align:top}
.v{display:inline-block;min-width:40px;text-align:center;border-radius:10px;padding:0 6px;font-size:12px;font-weight:600;color:#fff}
.v-pass{background:#1a7f37}.v-fail{background:#cf222e}.v-warn{background:#bf8700}.v-skip{background:#8c959f}.v-error{background:#8250df}
details{border:1px solid #d0d7de;border-radius:6px;margin:8px 0;padding:6px 10px}summary{cursor:pointer}code,pre{font:12px ui-monospace,monospace;word-break:break-all;white-space:pre-wrap}
.ev{border-left:3px solid #d0d7de;padding-left:10px;margin:8px 0}.deviation{background:#fff8c5;padding:6px;border-radius:4px}.error{background:#fbefff;padding:8px;border-radius:4px}.shot{max-width:480px;border:1px solid #d0d7de;display:block;margin:6px 0}
button.filter{border:1px solid #d0d7de;background:#fff;border-radius:12px;padding:2px 8px;cursor:pointer}button.filter.on{background:#ddf4ff}
@media print{button.filter{display:none}details{break-inside:avoid}details:not([open]) > *:not(summary){display:block}}`;

const SCRIPT = `document.querySelectorAll('button.filter').forEach(b=>b.addEventListener('click',()=>{const v=b.dataset.v;
document.querySelectorAll('button.filter').forEach(x=>x.classList.toggle('on',x===b&&v!=='all'));
document.querySelectorAll('tr[data-v],details[data-v]').forEach(el=>{el.hidden=v!=='all'&&el.dataset.v!==v;});}));`;
