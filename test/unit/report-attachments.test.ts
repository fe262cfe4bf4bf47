/** What goes beside the HTML summary: the plain-text reproduction, and the Allure page without its analytics. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Evidence } from '../../src/evidence/types.js';
import { Redactor } from '../../src/evidence/redact.js';
import { remoteScripts, withoutAnalytics } from '../../src/report/allure-analytics.js';
import { reproductionOf } from '../../src/report/reproduction.js';
import type { RecordedEvidence } from '../../src/report/results.js';
import { CLIENT_SECRET, CODE, authorization, token } from '../fixtures/evidence/builders.js';

describe('reproductionOf', () => {
  const redactor = new Redactor();
  redactor.add(CLIENT_SECRET, 'client_secret');
  redactor.add(CODE, 'code');
  // As results.json records it: redacted, steps numbered from 1.
  const recorded = (e: Evidence) => { const { screenshot: _png, ...rest } = e as Evidence & { screenshot?: Buffer }; return redactor.redact({ ...rest, step: rest.step + 1 }) as RecordedEvidence; };

  test('the authorization URL to open, then a curl per back-channel call, step by step, secrets masked', () => {
    const text = reproductionOf([recorded(authorization()), recorded(token({ step: 1 }))]);
    const [auth, back] = text.split('\n\n');
    assert.match(auth, /^# step 1: authorization\nopen in a browser \(client confidential\): http:\/\/127\.0\.0\.1:4000\/auth\?response_type=code&/);
    assert.match(back, /^# step 2: token\ncurl -i -X POST 'http:\/\/127\.0\.0\.1:4000\/token' -H 'accept: application\/json' -H 'authorization: Basic ‹basic:[0-9a-f]{6}›'/);
    assert.ok(!text.includes(CODE) && !text.includes(CLIENT_SECRET), 'nothing unmasked');
    assert.ok(back.includes('code=‹code:'));
  });
});

describe('withoutAnalytics', () => {
  // The shape of Allure 3's template (plugin-awesome generators.js), around the page's own scripts.
  const page = `<head><script>window.allure = {};</script></head><body><div id="app"></div>
    <script async src="https://www.googletagmanager.com/gtag/js?id=G-LNDJ3J7WT0"></script>
    <script>
        window.dataLayer = window.dataLayer || [];
        function gtag(){dataLayer.push(arguments);}
        gtag('js', new Date());
        gtag('config', 'G-LNDJ3J7WT0', { "report": "awesome" });
    </script>
    <script>window.allureReportData = {"a":1};</script></body>`;

  test('removes the gtag loader and its configuration, keeps the report\'s own scripts', () => {
    assert.deepEqual(remoteScripts(page), ['https://www.googletagmanager.com/gtag/js?id=G-LNDJ3J7WT0'], 'the fixture does load analytics');
    const clean = withoutAnalytics(page);
    assert.deepEqual(remoteScripts(clean), []);
    assert.ok(!clean.includes('gtag') && !clean.includes('G-LNDJ3J7WT0'));
    assert.ok(clean.includes('<script>window.allure = {};</script>') && clean.includes('<script>window.allureReportData = {"a":1};</script>'));
  });
});
