#!/usr/bin/env node
/**
 * Deletes the `catalog:`, `requirements:` and `level:` lines of scenario files: these facts are derived
 * from the checks a scenario expects (src/scenario/facts.ts). One-line forms only (`catalog: [TK-01]`);
 * anything else is left and reported, so comments and layout stay as written.
 *
 *   node scripts/strip-scenario-facts.mjs suites [more paths]
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const walk = (p) => (statSync(p).isDirectory() ? readdirSync(p).sort().flatMap((n) => walk(join(p, n))) : /\.ya?ml$/.test(p) ? [p] : []);
const FACT = /^(catalog|requirements|level):\s*(\[[^\]]*\]|[A-Z]+)\s*(#.*)?$/;
let changed = 0;
for (const file of process.argv.slice(2).flatMap(walk)) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const kept = lines.filter((l) => !FACT.test(l));
  for (const l of kept) if (/^(catalog|requirements|level):/.test(l)) console.error(`${file}: left as written (not one line): ${l}`);
  if (kept.length !== lines.length) { writeFileSync(file, kept.join('\n')); changed++; }
}
console.log(`${changed} file(s) changed`);
