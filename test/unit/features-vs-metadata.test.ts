import assert from 'node:assert/strict';
import { test } from 'node:test';
import { advertisedFeatures, featureFindings } from '../../src/target/features-vs-metadata.js';

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

test('advertised features, for a draft profile: what the metadata says, and nothing it contradicts', () => {
  assert.deepEqual(advertisedFeatures({
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    token_endpoint_auth_methods_supported: ['client_secret_post'],
    authorization_response_iss_parameter_supported: true,
  }), ['authorization-code', 'pkce', 'refresh-token', 'iss-parameter', 'client-secret-post']);
  // Negative control: plain PKCE only, no refresh grant, implicit only, iss parameter denied.
  assert.deepEqual(advertisedFeatures({
    response_types_supported: ['token'],
    code_challenge_methods_supported: ['plain'],
    grant_types_supported: ['implicit'],
    authorization_response_iss_parameter_supported: false,
  }), ['implicit']);
  // A server silent on response types still offers the code grant (the core of OAuth 2.0).
  assert.deepEqual(advertisedFeatures({}), ['authorization-code']);
});
