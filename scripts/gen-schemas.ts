/**
 * Writes the JSON Schemas for editors (yaml-language-server) from the schema objects the loaders
 * use, so the two cannot drift; the editors' copies also list check ids, catalog ids and flaw names. `--check` only compares, and exits 1 when a file is out of date (CI).
 *
 *   npx tsx scripts/gen-schemas.ts [--check]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FLAWS } from '../fixtures/servers/embedded/flaws.js';
import { CHECK_IDS } from '../src/checks/index.js';
import { editorScenarioSchema } from '../src/scenario/schema.js';
import { CATALOG_IDS } from '../src/spec/catalog.js';
import { editorTargetSchema } from '../src/target/schema.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outputs: Record<string, object> = {
  // Check ids, catalog ids and flaw names as enums, so editors complete them and underline typos.
  'schemas/scenario.schema.json': editorScenarioSchema([...CHECK_IDS].sort(), [...CATALOG_IDS]),
  'schemas/target.schema.json': editorTargetSchema(Object.keys(FLAWS)),
};

/** Draft-07 is what ajv validates with; saying so lets editors pick the same dialect. */
function render(schema: object): string {
  return `${JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', ...schema }, null, 2)}\n`;
}

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

const check = process.argv.includes('--check');
let stale = 0;
for (const [relative, schema] of Object.entries(outputs)) {
  const file = join(root, relative);
  const text = render(schema);
  if (read(file) === text) continue;
  if (check) {
    console.error(`${relative} is out of date; run: npx tsx scripts/gen-schemas.ts`);
    stale++;
  } else {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    console.log(`wrote ${relative}`);
  }
}
process.exit(stale ? 1 : 0);
