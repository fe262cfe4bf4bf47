/**
 * Screenshots never show what was typed (src/drive/screenshot.ts), in a real Chromium: a login page
 * whose password field is a plain text field, which also echoes the password in its text and in a
 * frame. Two passwords typed, two screenshots: byte-identical when masked — and, as the control,
 * different when taken unmasked (so the value was visible to be hidden).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright';
import { chromiumExecutable } from '../../src/drive/chromium.js';
import { shot, typed } from '../../src/drive/screenshot.js';

let browser: Browser;
before(async () => { browser = await chromium.launch({ executablePath: chromiumExecutable() }); });
after(async () => { await browser?.close(); });

const PAGE = (echo: string) => `<h1>Sign in</h1><form><label>Username <input id=u></label>
<label>Password <input id=p type=text></label><textarea id=t></textarea><button>Sign in</button></form>
<p>Wrong password: <span>${echo}</span> for alice</p><iframe srcdoc="<p>echo: ${echo}</p><input value='${echo}'>"></iframe>`;

async function typedPage(password: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 640, height: 480 } });
  await page.setContent(PAGE(password));
  await page.frames()[1]?.waitForLoadState();
  for (const [sel, v] of [['#u', 'alice'], ['#p', password], ['#t', password]]) {
    typed(page, v);
    await page.fill(sel, v);
  }
  return page;
}

test('the typed password shows nowhere in a screenshot: fields, echoed text and frames are masked', async () => {
  const a = await typedPage('Correct-Horse-7');
  const b = await typedPage('Battery-Staple-9');
  try {
    assert.notDeepEqual(await a.screenshot(), await b.screenshot(), 'control: unmasked, the two passwords look different');
    const [ma, mb] = [await shot(a), await shot(b)];
    assert.ok(ma && mb, 'both captured');
    assert.deepEqual(ma, mb, 'masked, nothing tells the two passwords apart');
  } finally {
    await a.close();
    await b.close();
  }
});
