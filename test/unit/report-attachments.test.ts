/** What goes beside the HTML summary: the plain-text reproduction, and the Allure page without its analytics. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Evidence } from '../../src/evidence/types.js';
import { Redactor } from '../../src/evidence/redact.js';
import { remoteScripts, withoutAnalytics } from '../../src/report/allure-analytics.js';
import { reproductionOf } from '../../src/results/reproduction.js';
import { curlOf, shellQuote } from '../../src/results/curl.js';
import { execFileSync } from 'node:child_process';
import type { RecordedEvidence } from '../../src/results/results.js';
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
    assert.match(auth, /^# step 1: authorization\n# open in a browser \(client confidential\): http:\/\/127\.0\.0\.1:4000\/auth\?response_type=code&/);
    assert.match(back, /^# step 2: token\ncurl -i -g -X POST 'http:\/\/127\.0\.0\.1:4000\/token' -H 'accept: application\/json' -H 'authorization: Basic ‹basic:[0-9a-f]{6}›'/);
    assert.ok(!text.includes(CODE) && !text.includes(CLIENT_SECRET), 'nothing unmasked');
    assert.ok(back.includes('code=‹code:'));
  });
});

describe('reproduction lines are valid, quoted shell, parsed back by a real shell', () => {
  /** The arguments bash reads from `line` after its command word (printed NUL-separated by printf). */
  const argv = (line: string, shell = 'bash') => execFileSync(shell, ['-c', `printf '%s\\0' ${line.replace(/^curl /, '')}`], { encoding: 'utf8' }).split('\0').slice(0, -1);
  const HOSTILE = [
    "it's; rm -rf ~ #", '$(touch /tmp/oc-pwned) `id` ${HOME} $HOME', 'line1\nline2\r\n::error::x', '\u001b]0;title\u0007 \u202eevil', 'a\\b\'c"d', '@/etc/passwd', '[1-3]{a,b}*?', '-X DELETE', '',
  ];

  test('every hostile value comes back as the one argument it was, nothing executed, one line', () => {
    for (const v of HOSTILE) {
      assert.deepEqual(argv(shellQuote(v)), [v], JSON.stringify(v));
      assert.ok(!shellQuote(v).includes('\n') && !shellQuote(v).includes('\r'), 'one line');
    }
    const hostile = HOSTILE.join(' ');
    const line = curlOf({ method: 'POST', url: `http://127.0.0.1:1/t?q=${hostile}`, headers: { 'x-h': hostile }, body: hostile });
    assert.equal(line.split('\n').length, 1);
    assert.deepEqual(argv(line), ['-i', '-g', '-X', 'POST', `http://127.0.0.1:1/t?q=${hostile}`, '-H', `x-h: ${hostile}`, '--data-raw', hostile]);
  });

  test('plain values stay POSIX single quotes (dash reads them too); the whole reproduction parses', () => {
    assert.deepEqual(argv(shellQuote("it's $HOME"), 'sh'), ["it's $HOME"]);
    const text = reproductionOf([authorization(), token({ step: 1 })].map((e) => new Redactor().redact({ ...e, screenshot: undefined }) as RecordedEvidence));
    execFileSync('bash', ['-n'], { input: text });
    for (const l of text.split('\n').filter((x) => x && !x.startsWith('#'))) assert.match(l, /^(curl|openssl) /);
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
