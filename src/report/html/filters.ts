/**
 * Filters of the scenario list: verdict (the count buttons of the header), level, section (a whole
 * specification or one section), tag and attack class. Every filterable element carries its values
 * as data attributes; the page's one script hides what does not match all filters.
 */
import { attackClassesOf } from '../../spec/attack-classes.js';
import { requirementLabel } from '../../spec/links.js';
import type { ScenarioRecord } from '../../results/results.js';
import { esc } from './escape.js';

const sections = (s: ScenarioRecord) => [...new Set([...s.requirements, ...s.checks.flatMap((c) => c.requirements.map((r) => r.id))])];
const attacks = (s: ScenarioRecord) => attackClassesOf([...s.catalog, ...s.checks.flatMap((c) => c.catalog)]);

/** The data attributes of a scenario's row and details. */
export const filterAttributes = (s: ScenarioRecord) =>
  `data-v="${s.verdict}" data-level="${esc(s.level)}" data-sec="${esc(sections(s).join(' '))}" data-tags="${esc(s.tags.join(' '))}" data-attacks="${esc(attacks(s).map((a) => a.id).join(' '))}"`;

const select = (name: string, label: string, options: [value: string, text: string][]) =>
  `<label>${esc(label)} <select class="filter" data-f="${name}"><option value="">all</option>${options.map(([v, t]) => `<option value="${esc(v)}">${esc(t)}</option>`).join('')}</select></label>`;

const numeric = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

export function filterControls(scenarios: ScenarioRecord[]): string {
  const ids = [...new Set(scenarios.flatMap(sections))].sort(numeric);
  const specs = [...new Set(ids.map((id) => id.split('-')[0]))];
  const sectionOptions: [string, string][] = specs.flatMap((spec) => [
    [spec, `${requirementLabel(`${spec}-`).replace(/ §$/, '')} (all)`] as [string, string],
    ...ids.filter((id) => id.startsWith(`${spec}-`)).map((id) => [id, requirementLabel(id)] as [string, string]),
  ]);
  const levels = [...new Set(scenarios.map((s) => s.level))].map((l) => [l, l] as [string, string]);
  const tags = [...new Set(scenarios.flatMap((s) => s.tags))].sort().map((t) => [t, t] as [string, string]);
  const classes = [...new Map(scenarios.flatMap(attacks).map((a) => [a.id, a.title])).entries()] as [string, string][];
  return `<div class="controls">${select('level', 'level', levels)} ${select('sec', 'section', sectionOptions)} ${select('tags', 'tag', tags)} ${select('attacks', 'attack class', classes)} <span class="shown t"></span></div>`;
}

/**
 * Runs in the page: combines the verdict button and the selects (while a filter is set, the folds of
 * passed scenarios that hold a match open); a link to a scenario opens it and the folds around it;
 * printing expands everything.
 */
export const FILTER_SCRIPT = `(()=>{const f={v:''};
const matches=(el)=>(!f.v||el.dataset.v===f.v)&&['level','sec','tags','attacks'].every(k=>{const want=f[k];if(!want)return true;
return (el.dataset[k]||'').split(' ').some(t=>t===want||(k==='sec'&&t.startsWith(want+'-')));});
const opened=new Set();
const apply=()=>{let n=0,all=0;document.querySelectorAll('tr[data-v],details[data-v]').forEach(el=>{const ok=matches(el);el.hidden=!ok;if(el.tagName==='TR'){all++;if(ok)n++;}});
const active=Object.values(f).some(v=>v);document.querySelectorAll('details.fold').forEach(d=>{if(active&&!d.open&&d.querySelector('tr[data-v]:not([hidden]),details[data-v]:not([hidden])')){d.open=true;opened.add(d);}else if(!active&&opened.has(d)){d.open=false;opened.delete(d);}});
const parts=Object.entries(f).filter(([,v])=>v).map(([k,v])=>(k==='v'?'verdict':k)+'='+v);
document.querySelectorAll('.shown').forEach(s=>s.textContent=parts.length?'showing '+n+' of '+all+' scenarios ('+parts.join(', ')+')':'');};
document.querySelectorAll('button.filter').forEach(b=>b.addEventListener('click',()=>{const v=b.dataset.v;f.v=v==='all'||f.v===v?'':v;
document.querySelectorAll('button.filter').forEach(x=>x.classList.toggle('on',x.dataset.v===f.v));apply();}));
document.querySelectorAll('select.filter').forEach(s=>s.addEventListener('change',()=>{f[s.dataset.f]=s.value;apply();}));
const reveal=()=>{const d=document.getElementById(decodeURIComponent(location.hash.slice(1)));if(d&&d.tagName==='DETAILS'){for(let p=d;p;p=p.parentElement.closest('details'))p.open=true;d.scrollIntoView();}};
addEventListener('hashchange',reveal);reveal();
const printed=[];addEventListener('beforeprint',()=>document.querySelectorAll('details:not([open])').forEach(d=>{d.open=true;printed.push(d);}));
addEventListener('afterprint',()=>{printed.splice(0).forEach(d=>d.open=false);});})();`;
