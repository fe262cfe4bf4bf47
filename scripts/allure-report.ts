/**
 * `npm run report:allure`: renders the Allure results of a run into one HTML file with the `allure`
 * npm package (Allure 3, no Java), offline, without the analytics Allure's template carries.
 *
 *   npm run report:allure [-- --results reports/latest/allure-results --output reports/latest/allure-report]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { remoteScripts, withoutAnalytics } from '../src/report/allure-analytics.js';
import { lockDown, PRIVATE_UMASK } from '../src/report/private-files.js';
import { ROOT } from '../src/runner/env.js';

function fail(message: string, hint: string): never {
  process.stderr.write(`report:allure: ${message}\n  hint: ${hint}\n`);
  process.exit(2);
}

function main(): void {
  const { values } = parseArgs({ options: { results: { type: 'string' }, output: { type: 'string' } } });
  const results = path.resolve(values.results ?? path.join(ROOT, 'reports/latest/allure-results'));
  const output = path.resolve(values.output ?? path.join(path.dirname(results), 'allure-report'));
  if (!existsSync(results) || !readdirSync(results).some((f) => f.endsWith('-result.json'))) {
    fail(`no Allure results in ${path.relative(process.cwd(), results) || '.'}`, 'run the suite first (npm start), or pass --results <dir>');
  }
  // The package's `exports` hide its files; its bin (cli.js) is found where node would look for the package.
  const cli = (createRequire(path.join(ROOT, 'package.json')).resolve.paths('allure') ?? [])
    .map((dir) => path.join(dir, 'allure', 'cli.js'))
    .find((f) => existsSync(f));
  if (!cli) fail('the `allure` package is not installed', 'npm install (it is a devDependency: allure@3)');
  // The report holds the run's evidence: private to the tester, like the results it is made from.
  process.umask(PRIVATE_UMASK);
  const run = spawnSync(process.execPath, [cli, 'generate', results, '--config', path.join(ROOT, 'allurerc.mjs'), '--output', output], { stdio: 'inherit' });
  if (run.status !== 0) fail(`allure generate exited ${run.status ?? run.signal}`, 'see its output above');
  const index = path.join(output, 'index.html');
  const html = withoutAnalytics(readFileSync(index, 'utf8'));
  writeFileSync(index, html);
  lockDown(path.dirname(output), [path.basename(output)]);
  const remote = remoteScripts(html);
  if (remote.length) fail(`the report still loads ${remote.join(', ')}`, 'a newer allure changed its template: extend src/report/allure-analytics.ts');
  process.stdout.write(`report:allure: ${path.relative(process.cwd(), index)} (one file, opens offline)\n`);
}

main();
