/**
 * Import boundaries (docs/ARCHITECTURE.md): every folder of src/ (and each file at its top) sits in one
 * layer of LAYERS and imports only from its own layer and those below; folders import one another
 * without cycles. Beyond the order (DESIGN §2): checks are pure (evidence, spec, each other, node
 * builtins); the drivers know nothing of checks or reports; spec depends on nothing else in src.
 * Imports are read from the source text; every violation is reported with file and line.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const src = join(root, 'src');

interface Import { specifier: string; line: number }

/** `import … from 'x'`, `import type …`, `export … from 'x'`, `import 'x'`, and `import('x')` (incl. type positions). */
function importsOf(text: string): Import[] {
  const patterns = [
    /^[ \t]*(?:import|export)\s+(?:type\s+)?[\w\s{},*$]*?\bfrom\s*['"]([^'"]+)['"]/gm,
    /^[ \t]*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  const found: Import[] = [];
  for (const re of patterns) {
    for (const m of text.matchAll(re)) {
      const start = m.index! + m[0].search(/\S/);
      found.push({ specifier: m[1], line: text.slice(0, start).split('\n').length });
    }
  }
  return found.sort((a, b) => a.line - b.line);
}

function walk(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : /\.(ts|mts|js|mjs)$/.test(n) ? [p] : [];
  });
}

const isBuiltin = (s: string) => s.startsWith('node:') || builtinModules.includes(s.split('/')[0]);

/** The folder of `srcDir` a relative import lands in (`checks`, `evidence`, …), or `outside src`. */
function areaOf(srcDir: string, file: string, specifier: string): string {
  const target = relative(srcDir, resolve(dirname(file), specifier));
  return target.startsWith('..') ? 'outside src' : target.split(sep)[0];
}

type Rule = (specifier: string, area: string | undefined) => string | undefined;

/** Violations of one area's rule, as `src/checks/x.ts:12: imports 'playwright' (why)`; `area` is undefined for packages. */
function violations(srcDir: string, folder: string, rule: Rule): string[] {
  const out: string[] = [];
  for (const file of walk(join(srcDir, folder))) {
    for (const { specifier, line } of importsOf(readFileSync(file, 'utf8'))) {
      const why = rule(specifier, specifier.startsWith('.') ? areaOf(srcDir, file, specifier) : undefined);
      if (why) out.push(`${relative(dirname(srcDir), file)}:${line}: imports '${specifier}' (${why})`);
    }
  }
  return out;
}

const RULES: Record<'checks' | 'drive' | 'spec', Rule> = {
  checks: (specifier, area) => {
    if (area === undefined) return isBuiltin(specifier) ? undefined : 'a package: checks are pure functions of evidence';
    return ['checks', 'evidence', 'spec'].includes(area) ? undefined : `src/${area}`;
  },
  drive: (_specifier, area) => (area === 'checks' || area === 'report' ? `src/${area}` : undefined),
  spec: (_specifier, area) => (area === undefined || area === 'spec' ? undefined : `src/${area}`),
};

/**
 * The layers of src/, lowest first: a unit (a folder of src/, or a file at its top) imports only from
 * its own layer and those below. docs/ARCHITECTURE.md shows this table; a test keeps the two equal.
 */
const LAYERS: readonly { unit: string; holds: string }[] = [
  { unit: 'text', holds: 'server text made safe for terminals and Markdown' },
  { unit: 'spec', holds: 'facts of the specifications: catalog, levels per profile, features, links, attack variants' },
  { unit: 'config.ts', holds: 'the run\'s configuration: the OC_* environment, read once per process' },
  { unit: 'evidence', holds: 'typed records of what the drivers observed; redaction' },
  { unit: 'harness-error.ts', holds: "the harness's own errors (error, never the target's fail) and not-applicable" },
  { unit: 'load', holds: 'YAML files with line numbers, environment substitution, load errors with file:line' },
  { unit: 'checks', holds: 'one cited rule per file: pure functions of evidence, and their registry' },
  { unit: 'results', holds: 'the results.json model every report reads, and reproductions of evidence' },
  { unit: 'scenario', holds: 'the scenario schema and loader, coverage' },
  { unit: 'target', holds: 'target profiles: schema, loader, origins, templates, the resolved target' },
  { unit: 'drive', holds: 'the browser and HTTP: authorization flows, interaction rules, TLS probes, discovery' },
  { unit: 'steps', holds: 'one module per step kind, producing evidence' },
  { unit: 'runner', holds: 'the Playwright glue: plan, fixtures, the one spec, scenario execution, run settings' },
  { unit: 'report', holds: 'the reporter and every output rendered from results: HTML, Markdown, JUnit, SARIF' },
  { unit: 'doctor', holds: 'the preflight of a target profile' },
  { unit: 'cli', holds: 'the `oauth-conformance` command' },
];

/** Imports that leave src/, by the unit allowed to make them (paths from the repository root). */
const OUTSIDE_SRC: Readonly<Record<string, readonly string[]>> = {
  // The embedded target a run starts, and the flaw names the plan validates.
  runner: ['fixtures/servers/embedded/'],
};

interface Edge { from: string; to: string; file: string; line: number; specifier: string }

/** The unit of a path inside `srcDir`: its top folder, or its file name when it sits at the top (`x.js` imports `x.ts`). */
function unitOf(srcDir: string, file: string): string {
  const parts = relative(srcDir, file).split(sep);
  return parts.length === 1 ? parts[0].replace(/\.js$/, '.ts') : parts[0];
}

/** Every import from one unit of src into another (or out of src, `to` = `outside src`). */
function edges(srcDir: string): Edge[] {
  const out: Edge[] = [];
  for (const file of walk(srcDir)) {
    for (const { specifier, line } of importsOf(readFileSync(file, 'utf8'))) {
      if (!specifier.startsWith('.')) continue;
      const target = resolve(dirname(file), specifier);
      const inside = !relative(srcDir, target).startsWith('..');
      const from = unitOf(srcDir, file);
      const to = inside ? unitOf(srcDir, target) : 'outside src';
      if (from !== to) out.push({ from, to, file: relative(dirname(srcDir), file), line, specifier });
    }
  }
  return out;
}

/** The units of a tree missing from the table, and table entries the tree does not have. */
function unplaced(srcDir: string, layers: readonly { unit: string }[]): string[] {
  const units = new Set(walk(srcDir).map((f) => unitOf(srcDir, f)));
  const known = new Set(layers.map((l) => l.unit));
  return [
    ...[...units].filter((u) => !known.has(u)).map((u) => `src/${u} is in no layer: add it to LAYERS (test/unit/boundaries.test.ts) and to docs/ARCHITECTURE.md`),
    ...[...known].filter((u) => !units.has(u)).map((u) => `LAYERS names src/${u}, which does not exist: remove it here and in docs/ARCHITECTURE.md`),
  ];
}

/** Imports from a higher layer, or out of src where OUTSIDE_SRC does not allow it. */
function upward(srcDir: string, layers: readonly { unit: string }[], outside: Readonly<Record<string, readonly string[]>>): string[] {
  const rank = new Map(layers.map((l, i) => [l.unit, i]));
  const root = dirname(srcDir);
  return edges(srcDir).flatMap((e) => {
    const at = `${e.file}:${e.line}: imports '${e.specifier}'`;
    if (e.to === 'outside src') {
      const path = relative(root, resolve(root, dirname(e.file), e.specifier)).split(sep).join('/');
      return (outside[e.from] ?? []).some((p) => path.startsWith(p)) ? [] : [`${at} (outside src/: only the units of OUTSIDE_SRC may)`];
    }
    const [f, t] = [rank.get(e.from), rank.get(e.to)];
    if (f === undefined || t === undefined || t <= f) return [];
    return [`${at} (src/${e.to} is layer ${t + 1}, above src/${e.from} at layer ${f + 1}: move what both need to the lower layer)`];
  });
}

/**
 * Cycles among the units, each named with one import per edge:
 * `src/a → src/b → src/a: src/a/x.ts:3 imports '../b/y.js'; src/b/z.ts:5 imports '../a/w.js'`.
 */
function cycles(srcDir: string): string[] {
  const all = edges(srcDir).filter((e) => e.to !== 'outside src');
  const next = new Map<string, Map<string, Edge>>();
  for (const e of all) {
    const m = next.get(e.from) ?? new Map<string, Edge>();
    if (!m.has(e.to)) m.set(e.to, e);
    next.set(e.from, m);
  }
  // Depth-first, in name order: an edge back to a unit still on the path closes a cycle. A graph with
  // a cycle always has such an edge, so an empty answer means there is none.
  const found: string[] = [];
  const done = new Set<string>();
  const visit = (unit: string, path: string[]) => {
    for (const to of [...(next.get(unit)?.keys() ?? [])].sort()) {
      const at = path.indexOf(to);
      if (at >= 0) {
        const loop = path.slice(at);
        const imports = loop.map((u, i) => next.get(u)!.get(loop[i + 1] ?? loop[0])!).map((x) => `${x.file}:${x.line} imports '${x.specifier}'`);
        found.push(`${[...loop, to].map((u) => `src/${u}`).join(' → ')}: ${imports.join('; ')}`);
      } else if (!done.has(to)) {
        visit(to, [...path, to]);
      }
    }
    done.add(unit);
  };
  for (const unit of [...next.keys()].sort()) if (!done.has(unit)) visit(unit, [unit]);
  return found;
}

describe('the import scanner', () => {
  test('sees every form of import, with the line of its keyword', () => {
    const text = [
      "import assert from 'node:assert';", // 1
      'import {', // 2
      '  a,', //
      '  type B,', //
      "} from './multi.js';", //
      "import type { C } from '../evidence/types.js';", // 6
      "export { d } from './d.js';", // 7
      "export * from \"./star.js\";", // 8
      "import './side-effect.js';", // 9
      "let p: import('playwright').Page;", // 10
      "// import x from 'commented-out';", // 11
      "export const from = 'not-an-import';", // 12
      "const s = \"import y from 'in-a-string'\";", // 13
    ].join('\n');
    assert.deepEqual(importsOf(text), [
      { specifier: 'node:assert', line: 1 },
      { specifier: './multi.js', line: 2 },
      { specifier: '../evidence/types.js', line: 6 },
      { specifier: './d.js', line: 7 },
      { specifier: './star.js', line: 8 },
      { specifier: './side-effect.js', line: 9 },
      { specifier: 'playwright', line: 10 },
    ]);
  });

  test('finds the known imports of the real tree (the scan is not vacuous)', () => {
    const http = importsOf(readFileSync(join(src, 'drive', 'http.ts'), 'utf8')).map((i) => i.specifier);
    assert.ok(http.includes('undici'));
    const judge = importsOf(readFileSync(join(src, 'checks', 'judge.ts'), 'utf8')).map((i) => i.specifier);
    assert.ok(judge.includes('../spec/levels.js') && judge.includes('../evidence/types.js'));
    assert.ok(walk(join(src, 'checks')).length >= 10);
  });
});

describe('layers', () => {
  test('every folder of src (and file at its top) is in one layer, and every layer exists', () => {
    assert.deepEqual(unplaced(src, LAYERS), []);
  });

  test('no import reaches a higher layer, or out of src unless OUTSIDE_SRC allows it', () => {
    assert.deepEqual(upward(src, LAYERS, OUTSIDE_SRC), []);
  });

  test('the folders of src import one another without a cycle', () => {
    assert.deepEqual(cycles(src), []);
  });

  test('docs/ARCHITECTURE.md lists the layers of LAYERS, lowest first', () => {
    const doc = readFileSync(join(root, 'docs', 'ARCHITECTURE.md'), 'utf8');
    const start = doc.indexOf('\n## Layers');
    assert.ok(start >= 0, 'docs/ARCHITECTURE.md has a "## Layers" section');
    const end = doc.indexOf('\n## ', start + 1);
    const section = doc.slice(start, end < 0 ? undefined : end);
    const listed = [...section.matchAll(/^\|\s*\d+\s*\|\s*`(?:src\/)?([^`]+)`/gm)].map((m) => m[1].replace(/\/$/, ''));
    assert.deepEqual(listed, LAYERS.map((l) => l.unit));
  });

  test('the scan sees the real graph: steps sits on drive, target and checks (the test is not vacuous)', () => {
    const seen = new Set(edges(src).map((e) => `${e.from} -> ${e.to}`));
    for (const e of ['steps -> drive', 'steps -> target', 'steps -> checks', 'report -> results', 'runner -> outside src']) assert.ok(seen.has(e), e);
  });

  test('a tree breaking the layers is reported import by import, with file and line', (t) => {
    const tmp = mkdtempSync(join(tmpdir(), 'oc-layers-'));
    t.after(() => rmSync(tmp, { recursive: true, force: true }));
    const write = (path: string, text: string) => { mkdirSync(dirname(join(tmp, path)), { recursive: true }); writeFileSync(join(tmp, path), text); };
    const layers = [{ unit: 'evidence' }, { unit: 'top.ts' }, { unit: 'drive' }, { unit: 'runner' }, { unit: 'gone' }];
    write('src/evidence/types.ts', "import type { Tls } from '../drive/tls.js';\nexport type E = Tls;\n");
    write('src/drive/tls.ts', "import type { E } from '../evidence/types.js';\nimport { Err } from '../top.js';\nexport type Tls = E;\n");
    write('src/top.ts', "export class Err extends Error {}\n");
    write('src/runner/run.ts', "import { flaws } from '../../fixtures/servers/embedded/flaws.js';\nimport { secret } from '../../../elsewhere/secret.js';\n");
    write('src/extra/x.ts', "import { run } from '../runner/run.js';\n");
    write('src/drive/back.ts', "\n\nimport { run } from '../runner/run.js';\n");
    write('src/runner/again.ts', "import type { Tls } from '../drive/tls.js';\n");
    assert.deepEqual(unplaced(join(tmp, 'src'), layers), [
      'src/extra is in no layer: add it to LAYERS (test/unit/boundaries.test.ts) and to docs/ARCHITECTURE.md',
      'LAYERS names src/gone, which does not exist: remove it here and in docs/ARCHITECTURE.md',
    ]);
    assert.deepEqual(upward(join(tmp, 'src'), layers, OUTSIDE_SRC), [
      "src/drive/back.ts:3: imports '../runner/run.js' (src/runner is layer 4, above src/drive at layer 3: move what both need to the lower layer)",
      "src/evidence/types.ts:1: imports '../drive/tls.js' (src/drive is layer 3, above src/evidence at layer 1: move what both need to the lower layer)",
      "src/runner/run.ts:2: imports '../../../elsewhere/secret.js' (outside src/: only the units of OUTSIDE_SRC may)",
    ]);
    assert.deepEqual(cycles(join(tmp, 'src')), [
      "src/drive → src/evidence → src/drive: src/drive/tls.ts:1 imports '../evidence/types.js'; src/evidence/types.ts:1 imports '../drive/tls.js'",
      "src/drive → src/runner → src/drive: src/drive/back.ts:3 imports '../runner/run.js'; src/runner/again.ts:1 imports '../drive/tls.js'",
    ]);
  });
});

describe('import boundaries', () => {
  test('src/checks imports only checks, evidence, spec and node builtins', () => {
    assert.deepEqual(violations(src, 'checks', RULES.checks), []);
  });

  test('src/drive never imports checks or reports', () => {
    assert.deepEqual(violations(src, 'drive', RULES.drive), []);
  });

  test('src/spec imports nothing from the rest of src', () => {
    assert.deepEqual(violations(src, 'spec', RULES.spec), []);
  });

  test('the rules report each violation of a tree with file and line', (t) => {
    const tmp = mkdtempSync(join(tmpdir(), 'oc-boundaries-'));
    t.after(() => rmSync(tmp, { recursive: true, force: true }));
    const write = (path: string, text: string) => { mkdirSync(dirname(join(tmp, 'src', path)), { recursive: true }); writeFileSync(join(tmp, 'src', path), text); };
    write('checks/rfc0000/bad-check.ts', "import { createHash } from 'node:crypto';\nimport type { Page } from 'playwright';\nimport { request } from 'undici';\nimport { send } from '../../drive/http.js';\nimport { x } from '../outcome.js';\nimport type { E } from '../../evidence/types.js';\n");
    write('drive/leaky.ts', "import { judge } from '../checks/judge.js';\nimport { chromium } from 'playwright';\nexport { renderHtml } from '../report/html.js';\n");
    write('spec/links.ts', "import { CHECKS } from '../checks/index.js';\nimport { FEATURES } from './features.js';\n");
    assert.deepEqual(violations(join(tmp, 'src'), 'checks', RULES.checks), [
      "src/checks/rfc0000/bad-check.ts:2: imports 'playwright' (a package: checks are pure functions of evidence)",
      "src/checks/rfc0000/bad-check.ts:3: imports 'undici' (a package: checks are pure functions of evidence)",
      "src/checks/rfc0000/bad-check.ts:4: imports '../../drive/http.js' (src/drive)",
    ]);
    assert.deepEqual(violations(join(tmp, 'src'), 'drive', RULES.drive), [
      "src/drive/leaky.ts:1: imports '../checks/judge.js' (src/checks)",
      "src/drive/leaky.ts:3: imports '../report/html.js' (src/report)",
    ]);
    assert.deepEqual(violations(join(tmp, 'src'), 'spec', RULES.spec), ["src/spec/links.ts:1: imports '../checks/index.js' (src/checks)"]);
  });
});
