#!/usr/bin/env node
// The harness's own tests, in parts, each timed: what CI runs (.ci/run → `npm test`).
//
//   node scripts/test.mjs                     every part, then a table of how long each took
//   node scripts/test.mjs unit e2e            only the parts named (types docs validate unit e2e matrix)
//   node scripts/test.mjs matrix --write      the detection matrix, rewriting docs/detection-matrix.md
//   node scripts/test.mjs test/unit/x.test.ts the test files or folders given, as before
//
// A failing part fails the whole, but the other parts still run and the table is still printed.
// OC_E2E_CONCURRENCY sets how many end-to-end files run at once (default 2: a run waits on the
// browser and the servers as much as on the CPU).
import { readdirSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const node = process.execPath;
const tsx = ['--import', 'tsx'];

function testFiles(roots, keep = () => true) {
  const files = [];
  const walk = (p) => {
    if (statSync(p).isDirectory()) for (const f of readdirSync(p).sort()) walk(join(p, f));
    else if (p.endsWith('.test.ts') && keep(p)) files.push(p);
  };
  roots.forEach(walk);
  return files;
}

const MATRIX = join('test', 'e2e', 'detection-matrix.test.ts');
/**
 * The end-to-end files that take longest (a quiet 2-core run, 2026-12-06: 40–90 s each), started first so
 * the part does not end on one of them running alone; the others follow in name order.
 */
const LONGEST_FIRST = ['hostile-server', 'secrets-and-network', 'races', 'bad-input', 'loopback', 'hard-server', 'jmondi-server', 'cli', 'multi-target', 'ci-merge']
  .map((name) => join('test', 'e2e', `${name}.test.ts`));
const longestFirst = (files) => [...LONGEST_FIRST.filter((f) => files.includes(f)), ...files.filter((f) => !LONGEST_FIRST.includes(f))];
const targets = () => readdirSync('fixtures/targets').filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join('fixtures/targets', f));
const e2eConcurrency = Number(process.env.OC_E2E_CONCURRENCY ?? Math.min(2, cpus().length));

/** Each part: the commands it runs one after the other. */
const PARTS = {
  types: () => [[node, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']]],
  docs: () => [[node, [...tsx, 'scripts/gen-docs.ts', '--check']], [node, [...tsx, 'scripts/gen-schemas.ts', '--check']]],
  validate: () => [[node, ['bin/oauth-conformance.mjs', 'validate', 'suites', ...targets()]]],
  // One process for every unit test: they share no state a fresh process would reset, and the loader and
  // modules load once (about 10 s against 45 s for one process per file).
  unit: () => [[node, [...tsx, '--test-reporter=spec', 'scripts/import-tests.mjs', ...testFiles(['test/unit'])]]],
  e2e: () => [[node, [...tsx, '--test', `--test-concurrency=${e2eConcurrency}`, ...longestFirst(testFiles(['test/e2e'], (f) => f !== MATRIX))]]],
  // Every flaw against its neighbourhood (OC_MATRIX_FULL=1: every scenario); compares docs/detection-matrix.md
  // with the run (--write: rewrites it).
  matrix: () => [[node, [...tsx, '--test', '--test-concurrency=1', MATRIX], write ? { OC_MATRIX_WRITE: '1' } : {}]],
};
/**
 * Parts run side by side in phases. The static checks first (each mostly one core); the unit tests alone
 * (some assert timings, e.g. that redaction stays fast, so they get the CPU to themselves). Then end-to-end
 * and the matrix together: the end-to-end files spend much of their time waiting (child processes
 * starting, servers that answer late on purpose, timeouts), which the matrix's CPU-bound queue fills.
 * The first part of a phase prints as it goes; the others print whole when done.
 */
const PHASES = [['types', 'docs', 'validate'], ['unit'], ['e2e', 'matrix']];

/** `buffer`: keep the output and print it whole when done, so parts running side by side don't interleave. */
function run([cmd, args, env], buffer) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: buffer ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: { ...process.env, ...env } });
    let out = '';
    child.stdout?.on('data', (d) => { out += d; });
    child.stderr?.on('data', (d) => { out += d; });
    child.on('close', (code, signal) => {
      if (buffer) process.stdout.write(`$ ${[cmd === node ? 'node' : cmd, ...args].join(' ').slice(0, 200)}\n${out}`);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function runPart(name, buffer = false) {
  const started = Date.now();
  let code = 0;
  for (const step of PARTS[name]()) {
    code = await run(step, buffer);
    if (code) break;
  }
  return { name, code, seconds: (Date.now() - started) / 1000 };
}

const write = process.argv.includes('--write');
const args = process.argv.slice(2).filter((a) => a !== '--write');
if (args.length && !args.every((a) => a in PARTS)) {
  // Test files or folders: the old behaviour, one process per file.
  const files = testFiles(args);
  process.exit(await run([node, [...tsx, '--test', '--test-concurrency=1', ...files]]));
}

// The parts name paths from the repository's root, wherever this is started.
process.chdir(fileURLToPath(new URL('..', import.meta.url)));
const names = args.length ? args : Object.keys(PARTS);
const started = Date.now();
const results = [];
const phases = PHASES.map((phase) => phase.filter((n) => names.includes(n))).filter((phase) => phase.length);
for (const phase of phases) results.push(...await Promise.all(phase.map((n, i) => runPart(n, i > 0))));

const total = (Date.now() - started) / 1000;
const fmt = (s) => `${Math.floor(s / 60)}:${String(Math.round(s % 60)).padStart(2, '0')}`;
const lines = ['', 'part       result  time', ...results.map((r) => `${r.name.padEnd(10)} ${(r.code ? 'FAIL' : 'ok').padEnd(7)} ${fmt(r.seconds).padStart(5)}`),
  `${'total'.padEnd(10)} ${(results.some((r) => r.code) ? 'FAIL' : 'ok').padEnd(7)} ${fmt(total).padStart(5)}  (side by side: ${phases.map((p) => p.join(' + ')).join(', then ')})`];
process.stdout.write(`${lines.join('\n')}\n`);
process.exit(results.some((r) => r.code) ? 1 : 0);
