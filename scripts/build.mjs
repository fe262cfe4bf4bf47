#!/usr/bin/env node
/**
 * The harness compiled once: esbuild bundles the TypeScript sources a run loads (the CLI, and what
 * Playwright Test loads in its runner and workers: config, spec, global setup, reporters) into a few
 * ES modules, so no process of a run goes through a TypeScript loader or loads ~350 modules one by one.
 *
 *   node scripts/build.mjs        build now (npm run build; also `prepare`, i.e. at `npm install`)
 *
 * `compiled()` is what bin/oauth-conformance.mjs calls: the directory of a build of the current sources,
 * building one first when a source changed since (a few hundred ms), or undefined when it cannot (then
 * the CLI runs the sources through tsx, as before). Builds live under node_modules/.cache/, one directory
 * per state of the sources, named by a hash of their paths, sizes and times: concurrent runs never see a
 * half-written build (each is written aside and renamed into place), and a run started from one build
 * keeps its files while a newer one is made. Under node_modules, Playwright's own transform leaves the
 * bundles alone (it transforms test code outside node_modules only).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'oauth-conformance');
/** The sources of this checkout's latest build (one file per checkout: worktrees may share the cache). */
const INPUTS = path.join(CACHE, `inputs-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}.json`);
/** A build older than this, not the current one, is removed (a run may still be lazily importing from it before). */
const KEEP_MS = 6 * 3600_000;

/** Output name → source: every module Playwright or the command line loads by path (src/config.ts `entry`). */
export const ENTRIES = {
  main: 'src/cli/main.ts',
  'playwright.config': 'playwright.config.ts',
  'scenarios.spec': 'src/runner/scenarios.spec.ts',
  'global-setup': 'src/runner/global-setup.ts',
  reporter: 'src/report/reporter.ts',
  'allure-reporter': 'src/report/allure-reporter.ts',
  'merge.config': 'src/report/merge.config.ts',
};

/** The build's name: a hash of each source's path, size and modification time (and esbuild's version and this script). */
function keyOf(inputs, esbuildVersion) {
  // The checkout's own path too: worktrees may share one node_modules (and so one cache).
  const h = createHash('sha256').update(`${esbuildVersion}\0${ROOT}\0${readFileSync(fileURLToPath(import.meta.url), 'utf8')}`);
  for (const file of inputs) {
    const s = statSync(path.join(ROOT, file)); // a source gone: throws, so a new build is made
    h.update(`\0${file}\0${s.size}\0${s.mtimeMs}`);
  }
  return h.digest('hex').slice(0, 16);
}

function current(esbuildVersion) {
  try {
    const { version, inputs } = JSON.parse(readFileSync(INPUTS, 'utf8'));
    if (version !== esbuildVersion) return undefined;
    const dir = path.join(CACHE, keyOf(inputs, esbuildVersion));
    statSync(path.join(dir, 'main.mjs'));
    return dir;
  } catch {
    return undefined;
  }
}

/** Packages whose ES entry (index.mjs) only re-exports their CommonJS one: requiring it loads the same module. */
const WRAPPED = ['playwright', '@playwright/test', 'playwright-core'];

/**
 * CommonJS packages (Playwright, ajv, undici, yaml…) imported through `require` rather than `import`:
 * an ES module importing a CommonJS one makes Node parse that package's source (and everything it
 * re-exports: megabytes for Playwright) to learn its export names, in every process: about 0.2 s of CPU
 * each, measured. Each such import becomes a small module that requires the package and re-exports its
 * names, read here from the package itself. Only packages that `import` would load as CommonJS anyway
 * (or whose ES entry only re-exports the CommonJS one: WRAPPED), so the very same module is loaded either
 * way; ES-only and dual ones (jose, oidc-provider, allure-js-commons) are imported as before.
 */
function cjsExternals() {
  const requireHere = createRequire(path.join(ROOT, 'package.json'));
  const isCommonJs = (spec) => {
    if (WRAPPED.some((pkg) => spec === pkg || spec.startsWith(`${pkg}/`))) return true;
    let file;
    try {
      file = fileURLToPath(import.meta.resolve(spec, pathToFileURL(path.join(ROOT, 'package.json')).href));
    } catch {
      return false;
    }
    if (file.endsWith('.cjs')) return true;
    if (!file.endsWith('.js')) return false;
    for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      try {
        return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).type !== 'module';
      } catch { /* no package.json here: look further up */ }
    }
    return true;
  };
  const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
  return {
    name: 'cjs-externals',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.namespace === 'cjs-external' || args.path.startsWith('node:') || isBuiltin(args.path)) return { path: args.path, external: true };
        return isCommonJs(args.path) ? { path: args.path, namespace: 'cjs-external' } : { path: args.path, external: true };
      });
      b.onLoad({ filter: /.*/, namespace: 'cjs-external' }, (args) => {
        const names = Object.keys(requireHere(args.path)).filter((k) => k !== 'default' && IDENTIFIER.test(k));
        return {
          contents: `import { createRequire } from 'node:module';\nconst m = createRequire(import.meta.url)(${JSON.stringify(args.path)});\nexport default m;\nexport const { ${names.join(', ')} } = m;\n`,
          loader: 'js',
          resolveDir: ROOT,
        };
      });
    },
  };
}

async function build(esbuild) {
  mkdirSync(CACHE, { recursive: true });
  const tmp = path.join(CACHE, `tmp-${process.pid}-${Date.now()}`);
  try {
    const result = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: ENTRIES,
      bundle: true,
      splitting: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // Packages stay packages: Playwright and the reporters must be the very modules the runner loads.
      packages: 'external',
      plugins: [cjsExternals()],
      outdir: tmp,
      outExtension: { '.js': '.mjs' },
      chunkNames: 'chunk-[hash]',
      // src/config.ts: where the entry modules are (this directory rather than the sources), and the
      // checkout the build is of (the cache may sit in a node_modules shared by several checkouts).
      define: { OC_COMPILED: 'true', OC_ROOT: JSON.stringify(ROOT) },
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules/') && !f.startsWith('cjs-external:')).sort();
    const dir = path.join(CACHE, keyOf(inputs, esbuild.version));
    try {
      renameSync(tmp, dir);
    } catch {
      rmSync(tmp, { recursive: true, force: true }); // another run made the same build first
    }
    const list = `${INPUTS}.${process.pid}`;
    writeFileSync(list, JSON.stringify({ version: esbuild.version, inputs }));
    renameSync(list, INPUTS);
    removeOld(dir);
    return dir;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function removeOld(keep) {
  for (const name of readdirSync(CACHE)) {
    const dir = path.join(CACHE, name);
    if (dir === keep || name.startsWith('inputs-')) continue;
    try {
      if (Date.now() - statSync(dir).mtimeMs > KEEP_MS) rmSync(dir, { recursive: true, force: true });
    } catch { /* removed by another run */ }
  }
}

/**
 * The directory of a build of the current sources (made first if needed), or undefined when none can be
 * made (no esbuild, a read-only install, a source esbuild cannot parse): `why` then says why.
 */
export async function compiled(why = () => {}) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    why('esbuild is not installed');
    return undefined;
  }
  const version = esbuild.version ?? esbuild.default?.version;
  esbuild = esbuild.build ? esbuild : esbuild.default;
  try {
    return current(version) ?? await build(esbuild);
  } catch (err) {
    why(err.errors?.length ? err.errors.map((e) => `${e.location ? `${e.location.file}:${e.location.line}:${e.location.column}: ` : ''}${e.text}`).join('\n') : String(err.message ?? err));
    return undefined;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const dir = await compiled((why) => process.stderr.write(`build: ${why}\n`));
  if (!dir) process.exit(1);
  process.stdout.write(`build: ${path.relative(ROOT, dir)} (${Date.now() - started} ms)\n`);
}
