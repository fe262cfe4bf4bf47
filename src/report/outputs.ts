/**
 * Every report file rendered from one results object, in one place: the reporter of a run and the
 * reporter of `merge` both end here, so a merged sharded run writes the same files as a single run.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { reportToGithub } from './github.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import type { RunResults } from '../results/results.js';
import { renderSarif } from './sarif.js';
import { mkdirPrivate, writePrivate } from './private-files.js';

/** The files writeOutputs writes, relative to the report directory. */
export const OUTPUT_FILES = ['results.json', 'summary.html', 'junit.xml', 'results.sarif', 'summary.md'] as const;

export interface OutputOptions {
  /** GITHUB_ACTIONS / GITHUB_STEP_SUMMARY are read from here. */
  env?: NodeJS.ProcessEnv;
  /** Where GitHub annotations are printed. */
  print?: (line: string) => void;
}

export function writeOutputs(results: RunResults, dir: string, o: OutputOptions = {}): void {
  mkdirPrivate(dir);
  const markdown = renderMarkdown(results);
  writePrivate(path.join(dir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writePrivate(path.join(dir, 'summary.html'), renderHtml(results, (p) => readFileSync(path.join(dir, p))));
  writePrivate(path.join(dir, 'junit.xml'), renderJunit(results));
  writePrivate(path.join(dir, 'results.sarif'), renderSarif(results));
  writePrivate(path.join(dir, 'summary.md'), markdown);
  reportToGithub(results, markdown, o.env ?? process.env, o.print ?? ((l) => process.stdout.write(`${l}\n`)));
}
