/**
 * allure-playwright's reporter, writing its results without an fsync per file. Its own writer publishes
 * every result and attachment through a temporary file, fsync and rename, so a live `allure watch`
 * never reads half a file; all of it synchronously, on the Playwright runner's event loop, which also
 * hands each worker its next test: 1.65 s of the runner's 4.7 CPU-s on the default suite (one
 * worker, V8 profile), about 6 ms between two tests. The results here are read after the run (`npm run
 * report:allure`, or the CI job's Allure step), when every file is complete: plain writes suffice.
 * Files are the tester's only (private-files.ts), as every report file is.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AllureReporter } from 'allure-playwright';
import { stringifyEnvInfo, type Writer } from 'allure-js-commons/sdk/reporter';
import type { Suite } from '@playwright/test/reporter';
import { PRIVATE_DIR, writePrivate } from './private-files.js';

type Options = ConstructorParameters<typeof AllureReporter>[0] & { resultsDir: string };

export class PlainWriter implements Writer {
  constructor(private readonly dir: string) {}
  private path(name: string): string {
    mkdirSync(this.dir, { recursive: true, mode: PRIVATE_DIR });
    return path.join(this.dir, name);
  }
  private json(name: string, value: unknown): void { writePrivate(this.path(name), JSON.stringify(value)); }
  writeResult(result: Parameters<Writer['writeResult']>[0]): void { this.json(`${result.uuid}-result.json`, result); }
  writeGroup(result: Parameters<Writer['writeGroup']>[0]): void { this.json(`${result.uuid}-container.json`, result); }
  writeAttachment(name: string, content: Buffer): void { writePrivate(this.path(name), content); }
  writeAttachmentFromPath(name: string, from: string): void { writePrivate(this.path(name), readFileSync(from)); }
  writeEnvironmentInfo(info: Parameters<Writer['writeEnvironmentInfo']>[0]): void { writePrivate(this.path('environment.properties'), stringifyEnvInfo(info)); }
  writeCategoriesDefinitions(categories: Parameters<Writer['writeCategoriesDefinitions']>[0]): void { this.json('categories.json', categories); }
  writeGlobals(name: string, info: Parameters<Writer['writeGlobals']>[1]): void { this.json(name, info); }
}

export default class OcAllureReporter extends AllureReporter {
  constructor(private readonly ocOptions: Options) { super(ocOptions); }

  onBegin(suite: Suite): void {
    super.onBegin(suite);
    // The runtime is made in onBegin with allure's own writer; should a later version keep it elsewhere,
    // this sets an unused field and the reports are still written, only with the fsyncs.
    const runtime = (this as unknown as { allureRuntime?: { writer: Writer } }).allureRuntime;
    if (runtime) runtime.writer = new PlainWriter(this.ocOptions.resultsDir);
  }
}
