/** The attack-class mapping: every catalog row in exactly one class, every class described and cited. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ATTACK_CLASSES, attackClassesOf } from '../../src/spec/attack-classes.js';
import { CATALOG_IDS } from '../../src/spec/catalog.js';
import { requirementUrl } from '../../src/spec/links.js';

describe('attack classes', () => {
  test('every catalog row belongs to exactly one class, and every row named is in the catalog', () => {
    const rows = ATTACK_CLASSES.flatMap((c) => c.rows);
    assert.deepEqual(rows.filter((r, i) => rows.indexOf(r) !== i), [], 'rows in two classes');
    assert.deepEqual(rows.filter((r) => !CATALOG_IDS.has(r)), [], 'rows not in the catalog');
    assert.deepEqual([...CATALOG_IDS].filter((r) => !rows.includes(r)), [], 'catalog rows in no class');
  });

  test('each class has a unique id, a one-line description and a resolvable citation', () => {
    assert.equal(new Set(ATTACK_CLASSES.map((c) => c.id)).size, ATTACK_CLASSES.length);
    for (const c of ATTACK_CLASSES) {
      assert.match(c.description, /^[A-Z].{10,140}\.$/, c.id);
      assert.ok(!c.description.includes('\n'), c.id);
      assert.ok(requirementUrl(c.see), `${c.id} cites ${c.see}`);
    }
  });

  test('attackClassesOf maps rows to their classes once each, in the order of the list, ignoring unknown rows', () => {
    assert.deepEqual(attackClassesOf(['TK-01', 'RU-04', 'TK-02', 'NOPE-1']).map((c) => c.id), ['redirect-manipulation', 'code-injection-replay']);
    assert.deepEqual(attackClassesOf([]), []);
  });
});
