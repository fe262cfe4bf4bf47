#!/usr/bin/env node
// The `oauth-conformance` command: the compiled build of the sources (scripts/build.mjs: made at install,
// and again on the first run after a source changed), or, when no build can be made, the TypeScript
// sources through tsx's loader.
import { compiled } from '../scripts/build.mjs';

let why;
const dir = process.env.OC_NO_BUILD ? undefined : await compiled((w) => { why = w; });
if (dir) {
  await import(new URL(`file://${dir}/main.mjs`).href);
} else {
  if (why) process.stderr.write(`oauth-conformance: running from the TypeScript sources (no compiled build: ${why})\n`);
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
