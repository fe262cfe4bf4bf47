/**
 * `oauth-conformance merge <blob dirs...>`: joins the blob reports of a sharded run (`run --shard i/n`
 * on several machines) with Playwright's `merge-reports`, through the run's own reporters, into the
 * reports a single-machine run writes; then prints the summary and exits as `run` would.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MergedRun } from '../report/reporter.js';
import { RUN_FILE } from '../report/reporters.js';
import { entry, handOverEnv, readSettings, ROOT, settingsEnv } from '../config.js';
import { UsageError } from './args.js';
import { clearReports, playwright, privateReports } from './playwright.js';
import { finish, gateOptions } from './summary.js';

export interface MergeFlags {
  dirs: string[];
  reportDir?: string;
  failOn?: string;
  baseline?: string;
}

const HINT = '  hint: give the directories a sharded run wrote its blob reports to: `run --shard i/n` writes <report-dir>/blob/shard-i-of-n/';

/** Every blob report (*.zip) under the given directories, searched recursively. */
function blobReports(dirs: string[]): string[] {
  const walk = (d: string): string[] => readdirSync(d).sort().flatMap((n) => {
    const p = path.join(d, n);
    return statSync(p).isDirectory() ? walk(p) : n.endsWith('.zip') ? [p] : [];
  });
  return dirs.flatMap(walk);
}

/** The target and profile each shard recorded beside its blob: all must agree, and no shard be missing. Else an error message. */
function mergedRun(zips: string[]): MergedRun | string {
  const runs = zips.map((z) => {
    // <blobDir>/oc-run.json beside <blobDir>/zip/report-i.zip (reporters.ts); or beside the zip, if moved so.
    const file = [path.dirname(z), path.dirname(path.dirname(z))].map((d) => path.join(d, RUN_FILE)).find(existsSync);
    return file ? (JSON.parse(readFileSync(file, 'utf8')) as MergedRun) : path.join(path.dirname(path.dirname(z)), RUN_FILE);
  });
  const missing = runs.find((r) => typeof r === 'string');
  if (missing) return `no ${RUN_FILE} at ${missing as string}: that blob report was not written by \`oauth-conformance run --shard\``;
  const [first, ...rest] = runs as MergedRun[];
  const other = rest.find((r) => r.target.name !== first.target.name || r.profile !== first.profile);
  if (other) return `the shards ran differently: target "${first.target.name}" profile ${first.profile} vs target "${other.target.name}" profile ${other.profile}`;
  // A shard whose job died before its upload would otherwise shrink the merged run without a word.
  const shards = (runs as MergedRun[]).map((r) => r.shard).filter((s): s is string => Boolean(s));
  const total = Number(shards[0]?.split('/')[1] ?? 0);
  const absent = Array.from({ length: total }, (_, i) => `${i + 1}/${total}`).filter((s) => !shards.includes(s));
  if (absent.length) return `shard(s) ${absent.join(', ')} missing: ${shards.length} blob report(s) of a run split in ${total}`;
  // Issuers differ between shards (each started its own embedded server): the first shard's are kept.
  return { target: first.target, profile: first.profile, ...(first.projects ? { projects: first.projects } : {}) };
}

export async function merge(f: MergeFlags, out: (s: string) => void): Promise<number> {
  if (!f.dirs.length) throw new UsageError('merge needs the blob report directories of the shards');
  const gate = gateOptions(f, out);
  if (!gate) return 2;
  const notDir = f.dirs.find((d) => !existsSync(d) || !statSync(d).isDirectory());
  if (notDir) {
    out(`error: ${notDir} is not a directory\n${HINT}`);
    return 2;
  }
  const zips = blobReports(f.dirs.map((d) => path.resolve(d)));
  if (!zips.length) {
    out(`error: no blob report (*.zip) in ${f.dirs.join(', ')}\n${HINT}`);
    return 2;
  }
  const run = mergedRun(zips);
  if (typeof run === 'string') {
    out(`error: ${run}\n${HINT}`);
    return 2;
  }
  // merge-reports reads one directory: the blobs are gathered there first (so the inputs may sit in the report dir).
  const gathered = mkdtempSync(path.join(tmpdir(), 'oc-merge-'));
  zips.forEach((z, i) => copyFileSync(z, path.join(gathered, `${i}-${path.basename(z)}`)));
  const reportDir = path.resolve(f.reportDir ?? path.join(ROOT, 'reports/latest'));
  clearReports(reportDir);
  out(`oauth-conformance: merging ${zips.length} blob report(s) against "${run.target.name}", profile ${run.profile}\n`);
  try {
    const { code, stderr } = await playwright(['merge-reports', '-c', entry('src/report/merge.config.ts'), gathered], {
      ...settingsEnv({ ...readSettings({}), reportDir, profile: run.profile, ...gate, shard: undefined }), ...handOverEnv({ mergedRun: run }),
    });
    privateReports(reportDir);
    return finish(reportDir, out, { missing: `merging produced no results (Playwright exited ${code}).\n${stderr}`, empty: 'the blob reports hold no scenario.' });
  } finally {
    rmSync(gathered, { recursive: true, force: true });
  }
}
