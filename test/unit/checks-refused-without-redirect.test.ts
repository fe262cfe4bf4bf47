/**
 * refused-without-redirect (RU-18) on evidence fixtures: an unknown client_id, or an invalid request
 * with an unregistered redirect URI, must end on the server's page, with no redirect to any URI.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { run } from '../fixtures/evidence/judging.js';
import { CODE, REGISTERED, STATE, authorizeParams, authorizeUrl, callback, errorPage, redirectedTo } from '../fixtures/evidence/builders.js';
import { variantRefused, variantUnloadable } from '../fixtures/evidence/authorization.js';

const unknownClient = () => {
  const params = authorizeParams({ client_id: 'oauth-conformance-unknown-client' });
  return { url: authorizeUrl(params), params };
};

describe('refused-without-redirect (RU-18)', () => {
  test('pass: the server\'s own error page, nothing in the chain leaving it', () => {
    const o = run('refused-without-redirect', variantRefused('other-host'));
    assert.deepEqual([o.verdict, o.level], ['pass', 'MUST']);
    assert.equal(run('refused-without-redirect', errorPage({ request: unknownClient() })).verdict, 'pass');
  });

  test('fail: an unknown client_id sent to a registered redirect URI with a code', () => {
    const o = run('refused-without-redirect', redirectedTo(callback({ code: CODE, state: STATE }), 'registered', { request: unknownClient() }));
    assert.equal(o.verdict, 'fail');
    assert.equal(o.message, `the server redirected the browser to ${REGISTERED} with an authorization code, although it could trust no redirect URI for this request (client_id oauth-conformance-unknown-client)`);
  });

  test('fail: an error redirect counts as much as a code; so does one the browser could not load', () => {
    const o = run('refused-without-redirect', redirectedTo(callback({ error: 'unsupported_response_type', state: STATE }), 'registered'));
    assert.equal(o.verdict, 'fail');
    assert.match(o.message ?? '', /with error=unsupported_response_type/);
    const unloadable = run('refused-without-redirect', variantUnloadable('subdomain', { error: 'invalid_request', state: STATE }));
    assert.equal(unloadable.verdict, 'fail');
    assert.match(unloadable.message ?? '', /^the server redirected the browser to https:\/\/attacker\.client\.oauth-conformance\.test\/cb with error=invalid_request; the browser did not stay there$/);
  });
});
