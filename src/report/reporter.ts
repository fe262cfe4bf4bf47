/**
 * The harness's Playwright reporter: prints one progress line per scenario, gathers the redacted
 * results each test attached, judges the CI gate (and the baseline), and writes results.json and every
 * report rendered from it (writeOutputs). It also runs under `merge`, over the shards' blob reports.
 * A test that died before it could attach a result (a worker fixture failed: target unreachable,
 * no browser) is recorded as `error` with Playwright's message — never as the target's failure.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdirPrivate, writePrivate } from './private-files.js';
import path from 'node:path';
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { config, handoff } from '../config.js';
import { Redactor } from '../evidence/redact.js';
import { launchFailure } from '../runner/harness-browser.js';
import { loadPlanTarget } from '../runner/plan.js';
import { selectedProjects } from '../runner/projects.js';
import { profileSecrets } from '../target/secrets.js';
import { safeTerminal } from '../text/terminal.js';
import { ambientRules } from './ambient.js';
import { ambientRows, diffBaseline, loadBaseline } from './baseline.js';
import { writeOutputs } from './outputs.js';
import { blobDir, RUN_FILE } from './reporters.js';
import { countVerdicts, RESULTS_SCHEMA, type PositiveControl, type RunProject, type RunResults, type ScenarioRecord } from '../results/results.js';
import { harnessVersion } from './version.js';

/** What a shard records beside its blob report (`merge` hands it back through the configuration's mergedRun). */
export interface MergedRun { target: RunResults['target']; profile: RunResults['profile']; projects?: RunProject[]; /** `i/n` */ shard?: string }

/** The run's projects, each with its target; under `merge`, the ones the shards recorded. */
function runProjectsOf(c: FullConfig): RunProject[] {
  const merged = config().mergedRun as MergedRun | undefined;
  if (merged) return merged.projects ?? [{ name: merged.target.name, target: merged.target, profile: merged.profile }];
  const { embedded, featureFindings } = handoff();
  return selectedProjects(c).map(({ name, options }) => {
    let target: { name: string; issuer?: string } = { name: 'target' };
    try { target = loadPlanTarget(options.target); } catch { /* reported by the CLI */ }
    // The embedded server's issuer is known only once it started; any other target's is its profile's.
    return { name, target: { name: target.name, issuer: embedded[name]?.issuer ?? target.issuer, notes: featureFindings[name] ?? [] }, profile: options.profile };
  });
}

const MARK = { pass: 'pass ', fail: 'FAIL ', warn: 'warn ', skip: 'skip ', error: 'ERROR' } as const;

export default class ConformanceReporter implements Reporter {
  private readonly records: ScenarioRecord[] = [];
  private readonly reportDir: string;
  private readonly redactor = new Redactor();
  private config?: FullConfig;

  constructor(options: { reportDir?: string } = {}) {
    this.reportDir = options.reportDir ?? config().run.reportDir;
  }

  printsToStdio(): boolean {
    return true;
  }

  onBegin(c: FullConfig, _suite?: Suite): void {
    this.config = c;
    // A test that died before its result was attached leaves Playwright's message: redacted with the profiles' secrets.
    if (!config().mergedRun) {
      for (const { options } of selectedProjects(c)) {
        try {
          for (const [value, kind] of profileSecrets(loadPlanTarget(options.target))) this.redactor.add(value, kind);
        } catch { /* reported by the CLI; the name-based layer still applies */ }
      }
    }
    rmSync(path.join(this.reportDir, 'evidence'), { recursive: true, force: true });
    mkdirPrivate(this.reportDir);
    mkdirPrivate(path.join(this.reportDir, 'evidence'), true);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const attached = result.attachments.find((a) => a.name === 'oc-result.json');
    const record = attached?.body ? (JSON.parse(attached.body.toString('utf8')) as ScenarioRecord) : this.crashed(test, result);
    const several = (this.config?.projects.length ?? 1) > 1;
    for (const a of result.attachments) {
      const data = a.body ?? (a.path ? readFileSync(a.path) : undefined);
      if (a.contentType === 'image/png' && data) {
        // Scenario ids repeat across the projects of a multi-target run: their files are told apart by project.
        const name = `${several && record.project ? `${record.project.replace(/[^\w.-]/g, '_')}-` : ''}${record.id}-${a.name}`;
        writePrivate(path.join(this.reportDir, 'evidence', name), data);
        for (const e of [...record.evidence, record.error]) if (e?.screenshot === a.name) e.screenshot = `evidence/${name}`;
      }
    }
    this.records.push(record);
    const secs = (result.duration / 1000).toFixed(1).padStart(5);
    const reason = record.verdict === 'pass' ? '' : record.reason ?? '';
    // The reason is cut before it is escaped, so no escape is cut in half.
    const why = reason ? `  ${safeTerminal(reason.length > 156 ? `${reason.slice(0, 155)}…` : reason)}` : '';
    const project = several && record.project ? `${safeTerminal(record.project)}: ` : '';
    process.stdout.write(`  ${MARK[record.verdict]}  ${secs}s  ${project}${safeTerminal(record.id)}${why}\n`);
  }

  onEnd(result: FullResult): void {
    const settings = config().run;
    const projects = this.config ? runProjectsOf(this.config) : [];
    const order = (r: ScenarioRecord) => projects.findIndex((p) => p.name === r.project);
    const records = this.records.sort((a, b) => order(a) - order(b) || a.file.localeCompare(b.file) || a.id.localeCompare(b.id));
    const target = projects[0]?.target ?? { name: 'target' };
    const profile = projects[0]?.profile ?? settings.profile;
    const results: RunResults = {
      schema: RESULTS_SCHEMA,
      harness: { name: 'oauth-conformance', version: harnessVersion() },
      target,
      profile,
      projects,
      // From Playwright: a merged report spans its shards, from the first start to the last end.
      startedAt: result.startTime.toISOString(),
      durationMs: Math.round(result.duration),
      counts: countVerdicts(records),
      scenarios: records,
      ambient: ambientRules(records),
      positiveControls: positiveControls(records),
      gate: { failOn: settings.failOn ?? 'must' },
    };
    if (settings.baseline) {
      try {
        const base = loadBaseline(settings.baseline);
        // In a run of several targets a scenario is known by target and id ("embedded: code-single-use").
        const keyed = <T extends { id: string; project?: string }>(rs: T[], several: boolean) => (several ? rs.map((x) => ({ ...x, id: `${x.project ?? ''}: ${x.id}` })) : rs);
        const baseSeveral = new Set(base.scenarios.map((x) => (x as { project?: string }).project)).size > 1;
        results.baseline = diffBaseline([...keyed(records, projects.length > 1), ...ambientRows(results.ambient!)], { ...base, scenarios: keyed(base.scenarios, baseSeveral) }, settings.baseline, results.gate!.failOn);
      } catch (err) {
        // The CLI checks the baseline before the run; this is a baseline changed or removed since.
        process.stdout.write(`  error: ${safeTerminal((err as Error).message)}\n`);
      }
    }
    if (result.status === 'interrupted') process.stdout.write('  (run interrupted)\n');
    if (settings.shard || config().blob) {
      mkdirSync(blobDir(settings), { recursive: true });
      writeFileSync(path.join(blobDir(settings), RUN_FILE), `${JSON.stringify({ target, profile, projects, shard: settings.shard } satisfies MergedRun)}\n`);
    }
    // A shard's annotations and step summary would repeat the merged run's: the merge job gives them.
    writeOutputs(results, this.reportDir, { env: settings.shard ? {} : process.env });
  }

  private crashed(test: TestCase, result: TestResult): ScenarioRecord {
    const [id, title] = test.title.split(' — ');
    const project = test.parent.project()?.name;
    const text = this.redactor.redactString(result.errors.map((e) => e.message ?? String(e.value)).join('\n').replace(/\u001b\[[0-9;]*m/g, '') || `test ended ${result.status} without a result`);
    // "HarnessError: cause\nhint: what to do" (see withHint in src/runner/fixtures.ts); Playwright's own errors are kept whole.
    const lines = text.split('\n');
    // Playwright's own browser fixture could not launch Chromium: said as the harness says it.
    const launch = launchFailure(text);
    const message = launch?.message ?? lines[0].replace(/^(?:HarnessError|Error): /, '');
    const hint = launch?.hint ?? lines.find((l) => l.startsWith('hint: '))?.slice(6);
    return {
      ...(project !== undefined ? { project } : {}), id, title: title ?? '', file: test.location.file, catalog: [], requirements: [], level: 'MUST', tags: [],
      verdict: result.status === 'skipped' ? 'skip' : 'error', reason: message, checks: [], evidence: [],
      error: { message: hint ? message : text.replace(/^(?:HarnessError|Error): /, ''), hint }, stepLines: [], durationMs: result.duration,
    };
  }
}

/** The run's positive controls, from the scenarios that rested on one: one per client, source and outcome. */
function positiveControls(records: ScenarioRecord[]): PositiveControl[] {
  const seen = new Map<string, PositiveControl>();
  const several = new Set(records.map((s) => s.project)).size > 1;
  for (const c of records.flatMap((s) => (s.positiveControl ? [several && s.project ? { project: s.project, ...s.positiveControl } : s.positiveControl] : []))) {
    const key = `${c.project ?? ''}\u0000${c.client}\u0000${c.source}\u0000${c.ok}`;
    if (!seen.has(key)) seen.set(key, c);
  }
  return [...seen.values()].sort((a, b) => Number(a.ok) - Number(b.ok) || (a.project ?? '').localeCompare(b.project ?? '') || a.client.localeCompare(b.client));
}
