/**
 * The browser-page checks (CATALOG B.1.12) on evidence fixtures, through judge().
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CHECKS_BY_ID } from '../../src/checks/index.js';
import { judge } from '../../src/checks/judge.js';
import type { CheckOutcome } from '../../src/checks/types.js';
import type { AuthorizationEvidence, Subresource } from '../../src/evidence/types.js';
import type { Profile } from '../../src/spec/levels.js';
import { ISSUER, STATE, authorization, callback, directChain } from '../fixtures/evidence/builders.js';

function run(id: string, e: AuthorizationEvidence, profile: Profile = 'rfc9700'): CheckOutcome {
  const c = CHECKS_BY_ID.get(id);
  assert.ok(c, `no check ${id} in the registry`);
  return judge(c, e, { all: [e] }, { profile });
}

const LOGIN_PAGE = `${ISSUER}/interaction/6NqhBgVE6V1xxvyp8l5GQ`;
const sub = (url: string, over: Partial<Subresource> = {}): Subresource => ({ url, type: 'script', page: LOGIN_PAGE, referer: LOGIN_PAGE, ...over });

describe('no-third-party-subresources (BR-02)', () => {
  const ID = 'no-third-party-subresources';

  test('passes when the pages load only from their own host (data: URLs ignored)', () => {
    const o = run(ID, authorization({ subresources: [sub(`${ISSUER}/static/app.js`), sub(`${ISSUER}/static/app.css`, { type: 'stylesheet' }), sub('data:image/png;base64,AAAA', { type: 'image' })] }));
    assert.equal(o.verdict, 'pass');
    assert.equal(o.actual, '3 subresource request(s) from the server\'s pages, none to another host, none carrying the authorization request');
    assert.equal(o.message, 'holds');
  });

  test('passes with a note when a third-party request carries nothing of the request (origin-only Referer)', () => {
    const o = run(ID, authorization({ subresources: [sub('https://fonts.example.net/inter.woff2', { type: 'font', referer: `${ISSUER}/` })] }));
    assert.equal(o.verdict, 'pass');
    assert.match(o.actual!, /to other hosts \(fonts\.example\.net\) without the authorization request/);
    assert.match(o.message, /still load resources from fonts\.example\.net; RFC 9700 §4\.2\.4 advises against any third-party resource/);
  });

  test('warns at SHOULD when a third-party script gets the authorization request URL in its Referer', () => {
    const e = authorization();
    const page = e.request.url;
    const o = run(ID, { ...e, subresources: [sub('https://cdn.tracker.example/t.js', { page, referer: page })] });
    assert.deepEqual([o.verdict, o.level], ['warn', 'SHOULD']);
    assert.equal(o.actual, `script https://cdn.tracker.example/t.js from ${page} (carrying the authorization request URL, state in its Referer)`);
    assert.match(o.message, /^1 request\(s\) from the server's pages to another host carried the authorization request: script https:\/\/cdn\.tracker\.example/);
  });

  test('warns when state or code is in the URL of a third-party request, and lists every offending one', () => {
    const beacon = `https://analytics.example/collect?dl=${encodeURIComponent(`${ISSUER}/auth?state=${STATE}`)}`;
    const o = run(ID, authorization({ subresources: [sub(beacon, { type: 'ping' }), sub(`https://img.example/p.gif?s=${STATE}`, { type: 'image' }), sub(`${ISSUER}/static/app.js`)] }));
    assert.equal(o.verdict, 'warn');
    assert.equal(o.actual!.split('; ').length, 2);
    assert.match(o.actual!, /^ping https:\/\/analytics\.example\/collect\?dl=.* \(carrying state in its URL\); image https:\/\/img\.example\/p\.gif\?s=/);
    assert.match(o.message, /^2 request\(s\)/);
  });

  test('skips when the flow never showed a page of the server', () => {
    const e = authorization();
    const o = run(ID, { ...e, interactions: [], chain: directChain(e.request.url, callback()) });
    assert.equal(o.verdict, 'skip');
    assert.equal(o.message, 'the flow never showed a page of the server');
  });
});
