/**
 * results.sarif (SARIF 2.1.0) for code-scanning views: one rule per catalog id, its help the quoted
 * RFC text, the links and a remediation; one result per failed (error) or warned (warning) check,
 * located at the scenario file and the line of the step whose evidence was judged. Matched known
 * deviations are suppressed results; with a baseline each result says whether it is new.
 * @see https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHECKS_BY_ID } from '../checks/index.js';
import { ROOT } from '../runner/env.js';
import { requirementLabel, requirementUrl } from '../spec/links.js';
import { catalogRule, findings, staleDeviations, stepLine, type Finding } from './findings.js';
import { breaking } from './ambient.js';
import { vacuity, type RunResults, type ScenarioRecord } from '../results/results.js';
import { safeTerminal } from '../text/terminal.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** A scenario file as a SARIF artifact URI: repository-relative when it is in the repository. */
function artifact(file: string): { uri: string } {
  const inside = !path.isAbsolute(file) && !file.startsWith('..');
  return { uri: inside ? encodeURI(file.split(path.sep).join('/')) : pathToFileURL(path.resolve(ROOT, file)).href };
}

/**
 * A plain-text message holding a server's text: one line without control characters, and `[` `]`
 * escaped, which would otherwise open an embedded link (SARIF 2.1.0 §3.11.6).
 */
const plain = (s: string) => safeTerminal(s).replace(/[[\]]/g, '\\$&');

const location = (s: ScenarioRecord, line: number) => ({ physicalLocation: { artifactLocation: artifact(s.file), region: { startLine: line } } });

/** Help of a rule: for each check reporting it, the quote, the cited sections and what to change. */
function ruleHelp(id: string, fs: Finding[]): { text: string; markdown: string } {
  const checks = [...new Map(fs.map((f) => [f.check?.check ?? f.scenario.id, f])).values()];
  const parts = checks.map((f) => {
    const def = f.check && CHECKS_BY_ID.get(f.check.check);
    const reqs = f.check?.requirements.map((r) => r.id) ?? f.scenario.requirements;
    const links = reqs.map((r) => ({ label: requirementLabel(r), url: requirementUrl(r) }));
    const title = def?.title ?? f.scenario.title;
    // What the check would have accepted is the concrete target: "expected" of the failing judgement.
    const remedy = `change the authorization server so that ${title.charAt(0).toLowerCase()}${title.slice(1)}${f.check?.expected ? `: a pass is ${f.check.expected}` : ''} (reproduce with \`oauth-conformance run --grep ${f.scenario.id}\`).`;
    return {
      text: [`${title} (${f.level})`, def?.quote && `"${def.quote}"`, ...links.map((l) => `${l.label}: ${l.url ?? ''}`), `Remediation: ${remedy}`].filter(Boolean).join('\n'),
      markdown: [`**${title}** (${f.level})`, def?.quote && `> ${def.quote}`, links.map((l) => (l.url ? `[${l.label}](${l.url})` : l.label)).join(' · '), `**Remediation:** ${remedy}`].filter(Boolean).join('\n\n'),
    };
  });
  return { text: `${id}: ${catalogRule(id) ?? ''}\n\n${parts.map((p) => p.text).join('\n\n')}`, markdown: `**${id}**: ${catalogRule(id) ?? ''}\n\n${parts.map((p) => p.markdown).join('\n\n---\n\n')}` };
}

/** A run of several targets: the same finding against two of them is two results, each naming its target. */
const several = (r: RunResults) => (r.projects?.length ?? 0) > 1;

function result(f: Finding, ruleIndex: number, r: RunResults) {
  const c = f.check;
  const detail = c ? [c.expected !== undefined && `expected ${c.expected}`, c.actual !== undefined && `actual ${c.actual}`].filter(Boolean).join('; ') : '';
  return {
    ruleId: f.rule,
    ruleIndex,
    kind: 'fail',
    level: f.verdict === 'fail' ? 'error' : 'warning',
    message: { text: plain(`${several(r) && f.scenario.project ? `[${f.scenario.project}] ` : ''}${f.scenario.id}: ${c ? `${c.check}: ` : ''}${f.message}${detail ? ` (${detail})` : ''}`) },
    locations: [location(f.scenario, f.line)],
    // An ambient rule is one result wherever it broke: the other responses are related locations.
    ...(f.ambient ? { relatedLocations: relatedOf(f, r) } : {}),
    partialFingerprints: { 'ocScenarioCheck/v1': f.ambient ? `run-wide/${f.ambient.check}` : `${several(r) && f.scenario.project ? `${f.scenario.project}/` : ''}${f.scenario.id}/${c?.check ?? ''}/${c?.step ?? ''}` },
    ...(r.baseline ? { baselineState: f.unchanged ? 'unchanged' : 'new' } : {}),
    ...(f.known ? { suppressions: [{ kind: 'external', status: 'accepted', justification: `known deviation of the target: ${f.scenario.deviation!.reason}` }] } : {}),
    properties: { scenario: f.scenario.id, check: c?.check, level: f.level, verdict: f.verdict, expected: c?.expected, actual: c?.actual, requirements: c?.requirements.map((q) => q.id) ?? f.scenario.requirements },
  };
}

/** Every other response that broke an ambient rule (at most 100), with its scenario and step. */
function relatedOf(f: Finding, r: RunResults) {
  return breaking(f.ambient!).slice(1, 101).flatMap((o, i) => {
    const s = r.scenarios.find((x) => x.id === o.scenario);
    return s ? [{ id: i + 1, ...location(s, stepLine(s, o.step)), message: { text: `${o.scenario} step ${o.step}: ${o.message ?? o.verdict}` } }] : [];
  });
}

export function renderSarif(r: RunResults): string {
  const all = findings(r);
  const ids = [...new Set(all.map((f) => f.rule))].sort();
  const rules = ids.map((id) => {
    const fs = all.filter((f) => f.rule === id);
    const url = fs.map((f) => f.check?.requirements[0]?.url ?? requirementUrl(f.scenario.requirements[0] ?? '')).find(Boolean);
    return {
      id,
      shortDescription: { text: catalogRule(id) ?? fs[0].check?.title ?? fs[0].scenario.title },
      fullDescription: { text: [...new Set(fs.map((f) => f.check?.title ?? f.scenario.title))].join('; ') },
      ...(url ? { helpUri: url } : {}),
      help: ruleHelp(id, fs),
      defaultConfiguration: { level: fs.some((f) => f.verdict === 'fail') ? 'error' : 'warning' },
      properties: { tags: ['oauth2', 'security', ...new Set(fs.flatMap((f) => f.check?.requirements.map((q) => q.id) ?? f.scenario.requirements))] },
    };
  });
  const errors = r.scenarios.filter((s) => s.verdict === 'error');
  const stale = staleDeviations(r);
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: r.harness.name, version: r.harness.version, informationUri: 'https://www.rfc-editor.org/rfc/rfc9700', rules } },
      automationDetails: { id: `oauth-conformance/${r.target.name}/${r.profile}/` },
      invocations: [{
        executionSuccessful: errors.length === 0 && !vacuity(r),
        startTimeUtc: r.startedAt,
        // The harness's own errors: the rule was not exercised, so they are no result against the target.
        toolExecutionNotifications: [...(vacuity(r) ? [{ level: 'error', message: { text: plain(`nothing proven: ${vacuity(r)}`) } }] : []), ...errors.map((s) => ({ level: 'error', message: { text: plain(`harness error in ${s.id} (not the target's failure): ${s.reason ?? ''}${s.error?.hint ? ` — hint: ${s.error.hint}` : ''}`) }, locations: [location(s, stepLine(s, s.error?.step))] }))],
        toolConfigurationNotifications: stale.map((s) => ({ level: 'warning', message: { text: `stale known deviation in ${s.id}: recorded as ${s.deviation!.verdict}, the target now gets ${s.verdict}; remove it from the target profile` }, locations: [location(s, 1)] })),
      }],
      results: all.map((f) => result(f, ids.indexOf(f.rule), r)),
      properties: { target: r.target.name, profile: r.profile, failOn: r.gate?.failOn ?? 'must', counts: r.counts, staleDeviations: stale.map((s) => s.id), ...(r.baseline ? { baseline: r.baseline } : {}) },
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
