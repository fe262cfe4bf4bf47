/**
 * One configuration object per process (src/config.ts): the run's OC_* variables are read there and
 * nowhere else in src/, parsed once, frozen; what global setup hands the workers goes through it too.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { DEFAULT_TARGET, handoff, handOverEnv, readConfig, readSettings, ROOT, settingsEnv } from '../../src/config.js';
import { optionsOf, runProjects } from '../../src/runner/projects.js';

const walk = (dir: string): string[] => readdirSync(dir).sort().flatMap((n) => {
  const p = join(dir, n);
  return statSync(p).isDirectory() ? walk(p) : /\.(ts|mts|js|mjs)$/.test(n) ? [p] : [];
});

describe('the configuration module', () => {
  test('no file of src/ but src/config.ts reads an OC_* variable from the environment', () => {
    // `process.env.OC_X`, `process.env['OC_X']`, and `env.OC_X` on an environment passed around.
    const read = /\b(?:process\.)?env(?:\.OC_|\[\s*['"`]OC_)/g;
    const found: string[] = [];
    for (const file of [...walk(join(ROOT, 'src')), join(ROOT, 'playwright.config.ts')]) {
      if (file === join(ROOT, 'src/config.ts')) continue;
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(read)) found.push(`${relative(ROOT, file)}:${text.slice(0, m.index).split('\n').length}: ${m[0]}`);
    }
    assert.deepEqual(found, [], `OC_* read outside src/config.ts (read it through config() or handoff()):\n${found.join('\n')}`);
  });

  test('parses once into a frozen object; the CLI\'s environment round-trips', () => {
    const env = { ...settingsEnv({ ...readSettings({}), targets: ['/a.yaml', '/b.yaml'], raceRounds: 3, flaws: ['x'] }), ...handOverEnv({ plan: '/p.json', blob: true, mergedRun: { n: 1 } }), OC_CHROMIUM: '/bin/c' };
    const c = readConfig(env);
    assert.deepEqual(c.run.targets, ['/a.yaml', '/b.yaml']);
    assert.equal(c.run.raceRounds, 3);
    assert.deepEqual(c.run.flaws, ['x']);
    assert.equal(c.plan, '/p.json');
    assert.equal(c.blob, true);
    assert.equal(c.chromium, '/bin/c');
    assert.deepEqual(c.mergedRun, { n: 1 });
    assert.ok(Object.isFrozen(c) && Object.isFrozen(c.run) && Object.isFrozen(c.run.targets));
    assert.throws(() => { (c.run as { profile: string }).profile = 'x'; }, TypeError);
    // Empty values clear: a caller's leftover does not leak into the run.
    const cleared = readConfig(handOverEnv({}));
    assert.equal(cleared.plan, undefined);
    assert.equal(cleared.blob, false);
    assert.deepEqual(readConfig({}).run.targets, [DEFAULT_TARGET]);
    assert.throws(() => readSettings({ OC_PROFILE: 'nope' }), /OC_PROFILE must be one of/);
  });

  test('hand-offs are by project, and a malformed one reads as none', () => {
    const h = handoff({ OC_EMBEDDED: JSON.stringify({ a: { issuer: 'http://127.0.0.1:1' } }), OC_STUB_TLS: '{bad', OC_FEATURE_FINDINGS: '[1]' });
    assert.deepEqual(h.embedded, { a: { issuer: 'http://127.0.0.1:1' } });
    assert.deepEqual(h.stubTls, {});
    assert.deepEqual(h.featureFindings, {});
  });
});

describe('projects', () => {
  test('one per target, named by the profile, a repeated name numbered', () => {
    const noConsent = join(ROOT, 'fixtures/targets/embedded-no-consent.yaml');
    const projects = runProjects({ targets: [DEFAULT_TARGET, noConsent, DEFAULT_TARGET], profile: 'oauth2.1', flaws: [] });
    assert.deepEqual(projects.map((p) => p.name), ['embedded', 'embedded-no-consent', 'embedded-2']);
    assert.deepEqual(projects[1].use, { target: noConsent, profile: 'oauth2.1', flaws: [] });
  });

  test('a project\'s options: what its `use` sets (a path relative to the repository), else the run\'s', () => {
    assert.equal(optionsOf({ target: 'fixtures/targets/embedded.yaml' }).target, DEFAULT_TARGET);
    assert.deepEqual(optionsOf({ profile: 'rfc6749', flaws: ['f'] }), { target: DEFAULT_TARGET, profile: 'rfc6749', flaws: ['f'] });
  });
});
