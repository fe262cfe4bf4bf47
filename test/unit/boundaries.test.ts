/**
 * Import boundaries (DESIGN §2): checks are pure (evidence, spec, each other, node builtins); the
 * drivers know nothing of checks or reports; spec depends on nothing else in src. Imports are read
 * from the source text; every violation is reported with file and line.
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
