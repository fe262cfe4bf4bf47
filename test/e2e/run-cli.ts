/** The real `oauth-conformance` command as a child process: its exit code and everything it printed. */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../src/runner/env.js';

export function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/oauth-conformance.mjs'), ...args], { cwd: ROOT, env: { ...process.env, FORCE_COLOR: '0', ...env } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d; });
    child.stderr.on('data', (d: Buffer) => { out += d; });
    child.on('close', (code) => resolve({ code, out }));
  });
}

/**
 * A copy of a target profile for one case of a multi-project run: named `name` (its project's name) and with
 * `edits` applied to its text (an `${env:...}` issuer written in, say), written to `dir/<name>.yaml`.
 */
export function profileCopy(template: string, dir: string, name: string, edits: [string | RegExp, string][]): string {
  const file = path.join(dir, `${name}.yaml`);
  let text = readFileSync(template, 'utf8').replace(/^name: .*$/m, `name: ${name}`);
  for (const [from, to] of edits) text = text.replace(from, to);
  writeFileSync(file, text);
  return file;
}
