/** Profile locators to Playwright locators: label, role+name, text, placeholder, CSS; `/re/flags` strings are regular expressions. */
import type { Locator as PwLocator, Page } from 'playwright';
import { parseTextPattern } from '../target/load.js';
import type { Locator } from '../target/schema.js';

/** `/re/flags` is a RegExp (one definition, shared with the loader); plain text matches case-insensitively unless `exact`. */
export function textPattern(value: string, exact?: boolean): string | RegExp {
  const p = parseTextPattern(value);
  if (p instanceof RegExp || exact) return p;
  return new RegExp(escapeRegExp(value), 'i');
}

export function locate(page: Page, l: Locator): PwLocator {
  const root = l.frame ? page.frameLocator(l.frame) : page;
  const exact = l.exact;
  if (l.role) return root.getByRole(l.role as Parameters<Page['getByRole']>[0], l.name ? { name: textPattern(l.name, exact) } : {});
  if (l.label) return root.getByLabel(textPattern(l.label, exact));
  if (l.placeholder) return root.getByPlaceholder(textPattern(l.placeholder, exact));
  if (l.text) return root.getByText(textPattern(l.text, exact));
  if (l.css) return root.locator(l.css);
  throw new Error('a locator needs one of label, role, text, placeholder or css');
}

/** "role=button name=Sign in" — for error messages. */
export function describeLocator(l: Locator): string {
  return Object.entries(l).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
