/** How race and introspection evidence reads in the HTML report and the text reproduction. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { evidence } from '../../src/report/html/evidence.js';
import { reproductionOf } from '../../src/results/reproduction.js';
import { errorResponse, raceRounds, tokenResponse } from '../fixtures/evidence/back-channel.js';

const read = () => Buffer.alloc(0);

describe('token-race evidence in reports', () => {
  const e = raceRounds([
    { responses: [tokenResponse(), errorResponse('invalid_grant')] },
    { responses: [tokenResponse(), { status: 500, headers: { 'content-type': 'text/plain' }, body: '<b>Internal</b> Server Error' }], resourceStatuses: [200, undefined] },
  ]);
  e.rounds[0].exchanges[1] = { ...e.rounds[0].exchanges[1], response: { status: 0, headers: {}, body: '' }, failed: 'POST http://x/token failed: ECONNRESET' };
  e.rounds[0].primed = 1;

  test('every round and every answer, escaped, with what was released together', () => {
    const html = evidence(e, read);
    assert.match(html, /Step 1: 2 round\(s\) of 2 concurrent token requests, released together/);
    assert.match(html, /Round 1 \(1 of 2 released together\):/);
    assert.match(html, /no answer \(POST http:\/\/x\/token failed: ECONNRESET\)/);
    assert.match(html, /Round 2:<\/p>/);
    assert.match(html, /HTTP 500 &lt;b&gt;Internal&lt;\/b&gt; Server Error/);
    assert.match(html, /its access token at the resource: HTTP 200/);
  });

  test('the reproduction says how many at once, in how many rounds', () => {
    assert.match(reproductionOf([e]), /^# step 1: token-race\n# 2 times at once \(2 round\(s\), each with a fresh code\):\ncurl /);
  });
});

describe('introspection evidence in reports', () => {
  test('without an endpoint, the report says so', () => {
    const e = { kind: 'introspection' as const, step: 4, tokenFrom: 1, which: 'access_token' as const };
    assert.match(evidence(e, read), /introspection of the access token of step 1<\/h4><p>The metadata advertises no <code>introspection_endpoint<\/code>/);
    assert.match(reproductionOf([e]), /\(no introspection_endpoint advertised\)/);
  });
});
