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

// Monospace, and passwords of one length: what follows an echoed value stays in place (a mask hides the
// value, not the width it takes in proportional type).
const PAGE = (echo: string) => `<style>*{font-family:monospace}</style><h1>Sign in</h1><form><label>Username <input id=u></label>
<label>Password <input id=p type=text></label><textarea id=t></textarea><button>Sign in</button></form>
<p>Wrong password: <span>${echo}</span> for alice</p><iframe srcdoc="<style>*{font-family:monospace}</style><p>echo: ${echo}</p><input value='${echo}'>"></iframe>`;

async function typedPage(password: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 640, height: 480 } });
  await page.setContent(PAGE(password));
  // The frame painted before anything is typed or captured (a frame still loading differs between shots).
  await page.frameLocator('iframe').locator('input').waitFor();
  for (const [sel, v] of [['#u', 'alice'], ['#p', password], ['#t', password]]) {
    typed(page, v);
    await page.fill(sel, v);
  }
  // Two pages are open at once: which one has focus (and so a focus ring around the last field, outside
  // its mask) is the browser's choice, not the password's.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  return page;
}

test('the typed password shows nowhere in a screenshot: fields, echoed text and frames are masked', async () => {
  const a = await typedPage('Correct-Horse-7');
  const b = await typedPage('Battery-Stapl-9');
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
