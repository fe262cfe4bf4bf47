/** `oauth-conformance validate [paths]`: loads scenarios and target profiles, runs nothing. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CHECK_IDS } from '../checks/index.js';
import { formatLoadError, type LoadError } from '../load/errors.js';
import { KNOWN_FLAWS } from '../runner/plan.js';
import { ROOT } from '../runner/env.js';
import { loadScenarios } from '../scenario/load.js';
import { loadTarget } from '../target/load.js';

/** A YAML file with a top-level key only target profiles have is a target profile; anything else a scenario. */
function isTargetFile(file: string): boolean {
  return /^(clients|issuer|embedded|interaction|user|endpoints)\s*:/m.test(readFileSync(file, 'utf8'));
}

export function validate(paths: string[], out: (s: string) => void): number {
  const inputs = paths.length ? paths : [path.join(ROOT, 'suites'), path.join(ROOT, 'fixtures/targets/embedded.yaml')];
  const errors: LoadError[] = [];
  const targets: string[] = [];
  const scenarioPaths: string[] = [];
  for (const p of inputs) {
    if (!existsSync(p)) { errors.push({ file: p, line: 0, column: 0, message: 'no such file or directory' }); continue; }
    if (statSync(p).isFile() && isTargetFile(p)) targets.push(p);
    else scenarioPaths.push(p);
  }
  let scenarios = 0;
  if (scenarioPaths.length) {
    const r = loadScenarios(scenarioPaths, { knownChecks: CHECK_IDS });
    errors.push(...r.errors);
    scenarios = r.scenarios.length;
    // An empty suite validates nothing: saying "ok" would hide a wrong path.
    if (!scenarios && !r.errors.length) errors.push({ file: scenarioPaths.join(', '), line: 0, column: 0, message: 'no scenario files (*.yaml, *.yml) found', hint: 'pass a scenario file or a directory that holds some (default: suites/)' });
  }
  for (const t of targets) errors.push(...loadTarget(t, process.env, { knownFlaws: KNOWN_FLAWS }).errors);
  for (const e of errors) out(formatLoadError(e));
  out(errors.length ? `\n${errors.length} error(s).` : `ok: ${scenarios} scenario(s), ${targets.length} target profile(s).`);
  return errors.length ? 2 : 0;
}
