/**
 * Screenshots of the target's pages that never show what the harness typed. Every text field (a
 * password field, or any field: a server may show the password in a text input) is masked, and so is
 * every element whose text holds a value typed on this page (a server echoing the password back),
 * in every frame. The masks are Playwright's own: drawn over the elements in the captured image.
 */
import type { Locator, Page } from 'playwright';

/** Fields that hold typed text; buttons, checkboxes and the like stay visible (they tell the pages apart). */
const TEXT_FIELDS = 'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]):not([type=image]):not([type=checkbox]):not([type=radio]), textarea, select, [contenteditable]:not([contenteditable=false])';

const typedOn = new WeakMap<Page, Set<string>>();

/** Remembers a value typed into this page, to mask wherever the page shows it. */
export function typed(page: Page, value: string): void {
  // A value of a few characters would mask half the page wherever they occur; its field is masked anyway.
  if (value.length < 4) return;
  const set = typedOn.get(page) ?? new Set<string>();
  set.add(value);
  typedOn.set(page, set);
}

/** The locators a screenshot of this page masks. */
export function masks(page: Page): Locator[] {
  const values = [...(typedOn.get(page) ?? [])];
  return page.frames().flatMap((f) => [f.locator(TEXT_FIELDS), ...values.map((v) => f.getByText(v))]);
}

/** A screenshot of the page with its typed values masked; undefined when the page cannot be captured. */
export async function shot(page: Page, timeout = 3000): Promise<Buffer | undefined> {
  try {
    return await page.screenshot({ timeout, mask: masks(page), maskColor: '#888888' });
  } catch {
    return undefined;
  }
}
