/** `{{...}}` values of a profile: what each placeholder becomes, and which ones are unknown. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TargetProfile } from '../../src/target/schema.js';
import { expandTemplate, templateValues, unknownPlaceholders } from '../../src/target/templates.js';

const profile = { user: { username: 'bob', password: 'pw1' }, user2: { username: 'carol', password: 'pw2' } } as TargetProfile;

test('user, user2 and env placeholders are expanded; random is fresh each time', () => {
  const values = templateValues(profile, { TENANT: 'acme' });
  assert.equal(expandTemplate('{{user.username}}/{{ user2.password }}@{{env.TENANT}}', values), 'bob/pw2@acme');
  const a = expandTemplate('{{random}}', values);
  assert.match(a, /^[\w-]{22}$/);
  assert.notEqual(a, expandTemplate('{{random}}', values));
});

test('unknown placeholders are listed (and left as written); user2 exists only with a second user', () => {
  const values = templateValues({ user: profile.user } as TargetProfile, {});
  assert.deepEqual(unknownPlaceholders('{{user2.username}} {{env.NOPE}} {{random}} {{user.password}}', values), ['user2.username', 'env.NOPE']);
  assert.equal(expandTemplate('{{env.NOPE}}', values), '{{env.NOPE}}');
});
