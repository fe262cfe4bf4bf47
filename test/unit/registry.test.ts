/**
 * The check registry and the suites hold together: ids unique and equal to file names, citations
 * resolvable, every check with pass and fail fixtures, every scenario loadable, schemas generated.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CHECK_IDS, CHECKS, CHECKS_BY_ID } from '../../src/checks/index.js';
import { CATALOG_IDS } from '../../src/spec/catalog.js';
import { FLAWS } from '../../fixtures/servers/embedded/flaws.js';
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
        if (!re.test(id) || !url || new URL(url).protocol !== 'https:' || !/#(section-|rfc\.section\.)/.test(url)) bad.push(`${c.id}: ${id} -> ${url}`);
      }
    }
    assert.deepEqual(bad, []);
  });

  test('every check has a title, a quote and catalog ids of the catalog', () => {
    for (const c of CHECKS) {
      assert.ok(c.title.trim(), `${c.id}: empty title`);
      assert.ok(c.quote.trim().length > 20, `${c.id}: empty or trivial quote`);
      assert.ok(c.catalog.length > 0, `${c.id}: no catalog id`);
      for (const cat of c.catalog) assert.ok(CATALOG_IDS.has(cat), `${c.id}: catalog id ${cat} is no row of src/spec/catalog.ts`);
    }
  });

  test("every check's @see links are exactly its requirements (one citation, written twice only side by side)", () => {
    const files = walk(join(root, 'src', 'checks'), /\.ts$/);
    const differ: string[] = [];
    for (const c of CHECKS) {
      const file = files.find((f) => basename(f) === `${c.id}.ts`)!;
      const sees = [...readFileSync(file, 'utf8').matchAll(/^\s*\*\s*@see\s+(\S+)/gm)].map((m) => m[1]);
      const wanted = c.requirements.map((id) => requirementUrl(id)!);
      const missing = wanted.filter((u) => !sees.includes(u));
      const extra = sees.filter((u) => !wanted.includes(u));
      if (missing.length || extra.length) differ.push(`${relative(root, file)}: @see lacks [${missing.join(' ')}], has beyond requirements [${extra.join(' ')}]`);
    }
    assert.deepEqual(differ, []);
  });

  test('every flaw of the embedded server breaks rows of the catalog', () => {
    const wrong = Object.entries(FLAWS).filter(([, f]) => !f.breaks.length || f.breaks.some((id) => !CATALOG_IDS.has(id))).map(([name, f]) => `${name}: ${f.breaks.join(', ')}`);
    assert.deepEqual(wrong, []);
  });

  test('every check has a known level under every profile', () => {
    for (const c of CHECKS) for (const p of PROFILES) assert.ok(LEVELS.includes(levelFor(c.level, p)), `${c.id} under ${p}`);
  });

  test('every check judges a known kind of evidence, and ambient checks are predicates', () => {
    for (const c of CHECKS) {
      assert.ok(['authorization', 'token', 'token-race', 'resource', 'introspection', 'revocation', 'metadata', 'probe', 'frame', 'tls', 'par', 'device'].includes(c.on), `${c.id}: on ${c.on}`);
      if (c.ambient !== undefined) assert.equal(typeof c.ambient, 'function', c.id);
    }
  });
  // That every check has a passing and a failing fixture is asserted from recorded verdicts: the
  // detection matrix (test/e2e/detection-matrix.test.ts) records each check's pass on the clean server and
  // fail under a flaw, not how often its id appears in test text.
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
    for (const { scenario, facts } of scenarios) {
      for (const id of facts.requirements) assert.ok(requirementUrl(id)?.startsWith('https://'), `${scenario.id}: ${id}`);
      assert.ok(scenario.steps.some((s) => (s.expect ?? []).length > 0), `${scenario.id} expects nothing`);
    }
  });
});
// Generated schemas and docs are compared with their sources by `npm test`'s docs part (gen-schemas --check).
