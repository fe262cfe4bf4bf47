/**
 * The check registry and the suites hold together: ids unique and equal to file names, citations
 * resolvable, every check with pass and fail fixtures, every scenario loadable, schemas generated.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CHECK_IDS, CHECKS, CHECKS_BY_ID } from '../../src/checks/index.js';
import { formatLoadError } from '../../src/load/errors.js';
import { evidenceKindOf } from '../../src/steps/index.js';
import { loadScenarios } from '../../src/scenario/load.js';
import { LEVELS, PROFILES, levelFor } from '../../src/spec/levels.js';
import { REQUIREMENT_PATTERN, requirementUrl } from '../../src/spec/links.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function walk(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p, ext) : ext.test(name) ? [p] : [];
  });
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Occurrences of `word` not glued to a longer kebab-case word. */
const occurrences = (text: string, word: string) => text.match(new RegExp(`(?<![\\w-])${escapeRe(word)}(?![\\w-])`, 'g'))?.length ?? 0;

describe('check registry', () => {
  test('has checks', () => {
    assert.ok(CHECKS.length >= 7);
    assert.equal(CHECKS_BY_ID.size, CHECKS.length);
  });

  test('ids are unique and kebab-case', () => {
    const ids = CHECKS.map((c) => c.id);
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], 'duplicate ids');
    assert.deepEqual(ids.filter((id) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)), [], 'ids that are not kebab-case');
  });

  test('each check lives in a file named after its id', () => {
    const files = walk(join(root, 'src', 'checks'), /\.ts$/).map((f) => ({ f, text: readFileSync(f, 'utf8') }));
    const wrong: string[] = [];
    for (const c of CHECKS) {
      const defining = files.filter(({ text }) => text.includes(`id: '${c.id}'`)).map(({ f }) => relative(root, f));
      if (defining.length !== 1 || basename(defining[0]) !== `${c.id}.ts`) wrong.push(`${c.id}: defined in [${defining.join(', ')}]`);
    }
    assert.deepEqual(wrong, []);
  });

  test('every requirement id is well-formed and resolves to an https URL', () => {
    const re = new RegExp(REQUIREMENT_PATTERN);
    const bad: string[] = [];
    for (const c of CHECKS) {
      assert.ok(c.requirements.length > 0, `${c.id} cites no requirement`);
      for (const id of c.requirements) {
        const url = requirementUrl(id);
        if (!re.test(id) || !url || new URL(url).protocol !== 'https:' || !url.includes('#section-')) bad.push(`${c.id}: ${id} -> ${url}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  test('every check has a title, a quote and catalog ids like AR-01', () => {
    for (const c of CHECKS) {
      assert.ok(c.title.trim(), `${c.id}: empty title`);
      assert.ok(c.quote.trim().length > 20, `${c.id}: empty or trivial quote`);
      assert.ok(c.catalog.length > 0, `${c.id}: no catalog id`);
      for (const cat of c.catalog) assert.match(cat, /^[A-Z]{2,4}-[0-9]{2}$/, `${c.id}: catalog id ${cat}`);
    }
  });

  test('every check has a known level under every profile', () => {
    for (const c of CHECKS) for (const p of PROFILES) assert.ok(LEVELS.includes(levelFor(c.level, p)), `${c.id} under ${p}`);
  });

  test('every check judges a known kind of evidence, and ambient checks are predicates', () => {
    for (const c of CHECKS) {
      assert.ok(['authorization', 'token', 'token-race', 'resource', 'introspection', 'metadata', 'probe', 'frame', 'tls', 'par', 'device'].includes(c.on), `${c.id}: on ${c.on}`);
      if (c.ambient !== undefined) assert.equal(typeof c.ambient, 'function', c.id);
    }
  });

  test('every check id appears at least twice in the checks*.test.ts files (a passing and a failing fixture)', () => {
    const text = readdirSync(join(root, 'test', 'unit')).filter((f) => /^checks.*\.test\.ts$/.test(f)).map((f) => readFileSync(join(root, 'test', 'unit', f), 'utf8')).join('\n');
    const thin = CHECKS.map((c) => [c.id, occurrences(text, c.id)] as const).filter(([, n]) => n < 2);
    assert.deepEqual(thin, []);
  });
});

describe('suites', () => {
  const suites = join(root, 'suites');
  const { scenarios, errors } = loadScenarios([suites], { knownChecks: CHECK_IDS });

  test('every scenario file loads without error', () => {
    assert.deepEqual(errors.map(formatLoadError), []);
    assert.equal(scenarios.length, walk(suites, /\.ya?ml$/).length);
    assert.ok(scenarios.length > 0);
  });

  test('every expected check exists and judges the kind of evidence its step yields', () => {
    const bad: string[] = [];
    for (const { scenario, file } of scenarios) {
      scenario.steps.forEach((step, i) => {
        const kind = evidenceKindOf(step);
        for (const entry of step.expect ?? []) {
          const id = typeof entry === 'string' ? entry : entry.check;
          const c = CHECKS_BY_ID.get(id);
          if (!c) bad.push(`${relative(root, file)} step ${i + 1}: unknown check ${id}`);
          else if (c.on !== kind) bad.push(`${relative(root, file)} step ${i + 1}: ${id} judges ${c.on}, the step yields ${kind}`);
        }
      });
    }
    assert.deepEqual(bad, []);
  });

  test('every scenario cites resolvable requirements and expects at least one check', () => {
    for (const { scenario } of scenarios) {
      for (const id of scenario.requirements) assert.ok(requirementUrl(id)?.startsWith('https://'), `${scenario.id}: ${id}`);
      assert.ok(scenario.steps.some((s) => (s.expect ?? []).length > 0), `${scenario.id} expects nothing`);
    }
  });
});

test('generated schemas are up to date (gen-schemas --check)', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/gen-schemas.ts', '--check'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});
