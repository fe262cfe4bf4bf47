/**
 * One scenario as a Playwright test, in a worker: the verdict is decided by executeScenario; this maps it
 * onto Playwright's statuses (fail and error fail the test, skip skips it) and attaches the redacted
 * result for the reporters. Imported by the spec (scenarios.spec.ts) when a test runs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as allure from 'allure-js-commons';
import { Redactor } from '../evidence/redact.js';
import { reproductionOf } from '../results/reproduction.js';
import { deviationStatus, type ScenarioRecord } from '../results/results.js';
import { CATALOG } from '../spec/catalog.js';
import type { Verdict } from '../checks/types.js';
import type { TargetProfile } from '../target/schema.js';
import { profileSecrets } from '../target/secrets.js';
import { safeTerminal } from '../text/terminal.js';
import { requirementLabel, requirementUrl } from '../spec/links.js';
import type { Profile } from '../spec/levels.js';
import { executeScenario } from './execute.js';
import { test, type Harness } from './fixtures.js';
import { ROOT } from '../config.js';
import type { LoadedScenario } from '../scenario/load.js';
import type { TestInfo } from '@playwright/test';
import { plainStacks } from './plain-stacks.js';

plainStacks();

const RULES = new Map<string, string>(CATALOG.flatMap((section) => section.rows.map((row) => [row.id, row.rule] as const)));

/** The target's known deviation for this scenario under this profile, compared with the verdict. */
function knownDeviation(profile: TargetProfile, id: string, judged: Profile, verdict: Verdict): ScenarioRecord['deviation'] {
  const d = profile.known_deviations?.find((k) => k.scenario === id && (!k.profile || k.profile === judged));
  return d && { verdict: d.verdict, reason: d.reason, status: deviationStatus(verdict, d.verdict) };
}

/** Runs `loaded` as the current test, with the worker's harness, judged under `judged`. */
export async function runScenarioTest(loaded: LoadedScenario, harness: Harness, judged: Profile, testInfo: TestInfo, raceRounds: number | undefined): Promise<void> {
  const s = loaded.scenario;
  // The rule facts come from the scenario's checks (src/scenario/facts.ts); its level is the one under the project's profile.
  const { catalog, requirements } = loaded.facts;
  const level = loaded.facts.level[judged];
  const redactor = new Redactor();
  const profile = harness.target.profile;
  for (const [value, kind] of profileSecrets(profile)) redactor.add(value, kind);

  // Allure groups by epic / feature / story = specification / section / rule (the catalog row, in words).
  // Each runtime call is an attachment message to the runner: labels and links go in one call each.
  await allure.labels(
    { name: 'epic', value: requirementLabel(requirements[0]).split(' §')[0] },
    { name: 'feature', value: requirementLabel(requirements[0]) },
    ...catalog.map((row) => ({ name: 'story', value: `${row} ${RULES.get(row) ?? ''}`.trim() })),
    { name: 'severity', value: level === 'MUST' ? 'critical' : level === 'SHOULD' ? 'normal' : 'minor' },
  );
  await allure.links(...requirements.map((r) => ({ url: requirementUrl(r) ?? '', name: requirementLabel(r) })));
  if (s.description) await allure.description(s.description);

  const pages = harness.contexts.open(s);
  let usedBrowser = false;
  const outcome = await executeScenario(loaded, {
    target: harness.target,
    profile: judged,
    page: () => { usedBrowser = true; return pages.page(); },
    isHarnessHost: harness.isHarnessHost,
    redactor,
    raceRounds,
    positiveControl: (client) => harness.controls.for(client),
    wrapStep: (title, body) => test.step(title, body),
  }).finally(() => pages.close());

  const screenshots: Buffer[] = [];
  const named = (buf: Buffer | undefined, name: string) => (buf ? (screenshots.push(buf), `${name}.png`) : undefined);
  // results.json numbers steps from 1, as every message does: `step`, and the steps a code or token came from.
  const numbered = <T extends { step: number; codeFrom?: number; tokenFrom?: number }>(x: T): T => ({
    ...x, step: x.step + 1,
    ...(x.codeFrom !== undefined ? { codeFrom: x.codeFrom + 1 } : {}), ...(x.tokenFrom !== undefined ? { tokenFrom: x.tokenFrom + 1 } : {}),
  });
  const record: ScenarioRecord = redactor.redact({
    project: testInfo.project.name, id: s.id, title: s.title, file: path.relative(ROOT, loaded.file), catalog, requirements, level,
    tags: s.tags ?? [], verdict: outcome.verdict, reason: outcome.reason, checks: outcome.checks.map(numbered), ambient: outcome.ambient.map(numbered),
    ...(outcome.positiveControl ? { positiveControl: outcome.positiveControl } : {}),
    evidence: outcome.evidence.map(({ ...e }) => {
      const shot = 'screenshot' in e ? named(e.screenshot, `step-${e.step + 1}`) : undefined;
      if ('screenshot' in e) delete e.screenshot;
      return numbered({ ...e, ...(shot ? { screenshot: shot } : {}) } as { step: number }) as ScenarioRecord['evidence'][number];
    }),
    error: outcome.error && { step: outcome.error.step === undefined ? undefined : outcome.error.step + 1, message: outcome.error.message, hint: outcome.error.hint, screenshot: named(outcome.error.screenshot, 'error') },
    stepLines: loaded.stepLines,
    durationMs: outcome.durationMs,
    browser: usedBrowser ? (pages.reusesSession ? 'shared' : 'fresh') : undefined,
    deviation: knownDeviation(profile, s.id, judged, outcome.verdict),
  });
  let i = 0;
  for (const e of [...record.evidence, record.error]) {
    if (e?.screenshot) await testInfo.attach(e.screenshot, { body: screenshots[i++], contentType: 'image/png' });
  }
  await testInfo.attach('oc-result.json', { body: JSON.stringify(record, null, 2), contentType: 'application/json' });
  await testInfo.attach('scenario.yaml', { body: readFileSync(loaded.file, 'utf8'), contentType: 'text/yaml' });
  if (record.evidence.length) await testInfo.attach('reproduction.txt', { body: reproductionOf(record.evidence), contentType: 'text/plain' });

  testInfo.annotations.push({ type: 'verdict', description: `${record.verdict}${record.reason ? `: ${safeTerminal(record.reason)}` : ''}` });
  if (record.deviation) testInfo.annotations.push({ type: 'known deviation', description: `${record.deviation.status}: ${record.deviation.reason}` });
  if (record.verdict === 'skip') test.skip(true, safeTerminal(record.reason));
  if ((record.verdict === 'fail' || record.verdict === 'error') && record.deviation?.status !== 'matched') {
    // A failed test with a page open gets its page described in Playwright's error-context.md: the
    // worker's shared page leaves the server's page first (PLAYWRIGHT_PRIVACY_ENV turns that off too).
    if (usedBrowser && pages.reusesSession) await pages.page().then((p) => p.goto('about:blank')).catch(() => undefined);
    const failed = record.checks.filter((c) => c.verdict === 'fail' || c.verdict === 'error');
    // Shown by Playwright's and Allure's reports: the server's text, one line each, as data.
    const t = safeTerminal;
    const lines = failed.map((c) => `${c.check} [${c.level}, ${c.requirements.map((r) => r.id).join(', ')}]: ${t(c.message)}\n  expected: ${t(c.expected ?? '-')}\n  actual:   ${t(c.actual ?? '-')}`);
    if (record.error) lines.push(`harness error at step ${record.error.step ?? 1}: ${t(record.error.message)}${record.error.hint ? `\n  hint: ${t(record.error.hint)}` : ''}`);
    throw new Error(`${record.verdict.toUpperCase()}: ${s.id}\n${lines.join('\n')}`);
  }
}
