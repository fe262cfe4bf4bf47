/**
 * Gets the browser through the target's own pages (login, consent, ...) with the profile's
 * interaction rules, until it reaches a harness host (the redirect back to the client) or stops on a
 * page no rule knows. After each page change, the first rule whose URL glob matches and whose `when`
 * element is visible runs. Nothing here knows which server it is talking to.
 */
import type { Locator, Page } from 'playwright';
import type { Action, InteractionRule } from '../target/schema.js';
import { HarnessError } from '../harness-error.js';
import { describeLocator, globToRegExp, locate } from './locate.js';

export interface InteractionOptions {
  rules: readonly InteractionRule[];
  consent: 'approve' | 'deny';
  /** `{{user.username}}` and the like. */
  values: Record<string, string>;
  /** True once the browser has been sent to a harness host. */
  landed: () => boolean;
  /** How long a page may take to show something a rule knows; short for a server error status. */
  patience: () => number;
  actionTimeout: number;
  deadline: number;
}

export type InteractionEnd = { type: 'landed'; ran: string[] } | { type: 'unmatched'; ran: string[] };

const POLL_MS = 50;

export async function interact(page: Page, o: InteractionOptions): Promise<InteractionEnd> {
  const ran: string[] = [];
  let lastUrl = '';
  let lastRule = '';
  for (;;) {
    const rule = await waitForRule(page, o);
    if (rule === 'landed') return { type: 'landed', ran };
    if (!rule) return { type: 'unmatched', ran };
    // The same rule on the same URL twice means its actions did nothing (e.g. a wrong password).
    if (rule.name === lastRule && page.url() === lastUrl) {
      throw new HarnessError(`interaction "${rule.name}" ran twice on ${page.url()} without leaving the page`, 'check the credentials and locators of this rule in the target profile', await shot(page));
    }
    lastRule = rule.name;
    lastUrl = page.url();
    ran.push(rule.name);
    const actions = o.consent === 'deny' && rule.deny ? rule.deny : rule.steps;
    for (const action of actions) await perform(page, action, rule.name, o);
  }
}

/** Polls until a harness host is reached, a rule fits the page, or the page settles with no rule fitting. */
async function waitForRule(page: Page, o: InteractionOptions): Promise<InteractionRule | 'landed' | undefined> {
  const start = Date.now();
  for (;;) {
    if (o.landed()) return 'landed';
    const url = page.url();
    for (const rule of o.rules) {
      if (!globToRegExp(rule.match).test(url)) continue;
      if (!rule.when || (await visible(page, rule.when))) return rule;
    }
    if (Date.now() > Math.min(o.deadline, start + o.patience())) return undefined;
    await page.waitForTimeout(POLL_MS);
  }
}

async function visible(page: Page, l: NonNullable<InteractionRule['when']>): Promise<boolean> {
  try {
    return await locate(page, l).first().isVisible();
  } catch {
    return false; // the page is navigating; ask again on the next poll
  }
}

/**
 * Fills a field without the value in Playwright's step titles: `fill(v)` is reported as `Fill "v"` in the
 * HTML report, which would print the test user's password. So: fill('') for the actionability waits,
 * then set the value in the page through the input's native setter (frameworks that track the value
 * see it) and fire input/change as typing would.
 */
async function fillQuietly(field: Locator, value: string, timeout: number): Promise<void> {
  await field.fill('', { timeout });
  await field.evaluate((el, v) => {
    const input = el as HTMLInputElement;
    Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), 'value')?.set?.call(input, v);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, value, { timeout });
}

async function perform(page: Page, action: Action, ruleName: string, o: InteractionOptions): Promise<void> {
  const timeout = Math.max(100, Math.min(o.actionTimeout, o.deadline - Date.now()));
  const [verb, target] = Object.entries(action)[0] as [string, Record<string, unknown>];
  try {
    if ('fill' in action) await fillQuietly(locate(page, action.fill).first(), expand(action.fill.value, o.values), timeout);
    else if ('click' in action) await locate(page, action.click).first().click({ timeout });
    else if ('check' in action) await locate(page, action.check).first().check({ timeout });
    else if ('wait' in action) {
      if (action.wait.url) await page.waitForURL(globToRegExp(action.wait.url), { timeout });
      if (action.wait.visible) await locate(page, action.wait.visible).first().waitFor({ state: 'visible', timeout });
    }
  } catch (err) {
    if (o.landed()) return; // the action's navigation reached the client before the action settled
    const what = 'value' in target ? { ...target, value: '…' } : target;
    throw new HarnessError(
      `interaction "${ruleName}": ${verb} ${describeLocator(what as never)} failed on ${page.url()}: ${(err as Error).message.split('\n')[0]}`,
      'check this locator against the page (the screenshot is attached)',
      await shot(page),
    );
  }
}

function expand(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (m, key: string) => values[key] ?? m);
}

export async function shot(page: Page): Promise<Buffer | undefined> {
  try {
    return await page.screenshot({ timeout: 3000 });
  } catch {
    return undefined;
  }
}
