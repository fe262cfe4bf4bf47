import assert from 'node:assert/strict';
import { test } from 'node:test';
import { featureFindings } from '../../src/target/features-vs-metadata.js';

test('a declared feature the metadata contradicts, and an advertised one not declared, are both reported', () => {
  const findings = featureFindings(new Set(['pkce', 'refresh-token']), {
    code_challenge_methods_supported: ['plain'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    authorization_response_iss_parameter_supported: true,
  });
  assert.deepEqual(findings, [
    "the profile declares `pkce` but the metadata's code_challenge_methods_supported does not advertise it",
    'the metadata advertises `iss-parameter` (authorization_response_iss_parameter_supported) but the profile does not declare it: its scenarios are skipped',
  ]);
});

test('no metadata, no findings; agreement, no findings', () => {
  assert.deepEqual(featureFindings(new Set(['pkce']), undefined), []);
  assert.deepEqual(featureFindings(new Set(['pkce']), { code_challenge_methods_supported: ['S256'] }), []);
});
