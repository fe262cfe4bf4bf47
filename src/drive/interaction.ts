/**
 * Gets the browser through the target's own pages (login, consent, ...) with the profile's
 * interaction rules, until it reaches a harness host (the redirect back to the client) or stops on a
 * page no rule knows. After each page change, the first rule whose URL glob matches and whose `when`
 * element is visible runs. Nothing here knows which server it is talking to.
 */
import type { Locator as PageLocator, Page } from 'playwright';
import type { Action, ActionTarget, InteractionRule, Locator } from '../target/schema.js';
import { expandTemplate, type TemplateValues } from '../target/templates.js';
import { HarnessError } from '../harness-error.js';
import { describeLocator, globToRegExp, locate } from './locate.js';
import { shot, typed } from './screenshot.js';

export interface InteractionOptions {
  rules: readonly InteractionRule[];
  consent: 'approve' | 'deny';
  /** `{{user.username}}` and the like (target/templates.ts). */
  values: TemplateValues;
  /** True once the browser has been sent to a harness host. */
  landed: () => boolean;
  /**
   * True while a navigation of the page has been requested and has neither an answer nor a failure yet:
   * the page shown is the one being left, and no rule may run on it (a click that submitted a form would
   * otherwise meet its own page again and look like a rule that did nothing).
   */
  navigating: () => boolean;
  /**
   * Whether to stop waiting for a rule to fit the page, `waited` ms after the page changed: after the
   * action timeout for an ordinary page (a login form may render late), as soon as an error page has
   * settled (authorize.ts).
   */
  gaveUp: (waited: number) => Promise<boolean>;
  actionTimeout: number;
  deadline: number;
}

export type InteractionEnd =
  | { type: 'landed'; ran: string[] }
  /** `waited`: the rules whose URL glob fitted the page but whose `when` element never showed. */
  | { type: 'unmatched'; ran: string[]; waited: string[] };

const POLL_MS = 50;

export async function interact(page: Page, o: InteractionOptions): Promise<InteractionEnd> {
  const ran: string[] = [];
  let lastUrl = '';
  let lastRule = '';
  for (;;) {
    const rule = await waitForRule(page, o);
    if (rule === 'landed') return { type: 'landed', ran };
    if (Array.isArray(rule)) return { type: 'unmatched', ran, waited: rule.map((r) => `"${r.name}" (when ${describeLocator(r.when!)})`) };
    // The same rule on the same URL twice means its actions did nothing (e.g. a wrong password).
    if (rule.name === lastRule && page.url() === lastUrl) {
      throw new HarnessError(`interaction "${rule.name}" ran twice on ${page.url()} without leaving the page`, 'check the credentials and locators of this rule in the target profile', await shot(page));
    }
    lastRule = rule.name;
    lastUrl = page.url();
    ran.push(rule.name);
    const actions = o.consent === 'deny' && rule.deny ? rule.deny : rule.steps;
    for (const action of actions) await perform(page, action, rule, o);
  }
}

/**
 * Polls until a harness host is reached, a rule fits the page, or the page settles with no rule
 * fitting (then the rules whose URL fitted but whose `when` never showed, for the error message).
 */
async function waitForRule(page: Page, o: InteractionOptions): Promise<InteractionRule | 'landed' | InteractionRule[]> {
  const start = Date.now();
  for (;;) {
    if (o.landed()) return 'landed';
    if (o.navigating() && Date.now() < o.deadline) {
      await page.waitForTimeout(POLL_MS);
      continue;
    }
    const url = page.url();
    const waited: InteractionRule[] = [];
    for (const rule of o.rules) {
      if (!globToRegExp(rule.match).test(url)) continue;
      if (!rule.when || (await visible(page, rule.when))) return rule;
      waited.push(rule);
    }
    if (Date.now() > o.deadline || (await o.gaveUp(Date.now() - start))) return waited;
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
async function fillQuietly(field: PageLocator, value: string, timeout: number): Promise<void> {
  await field.fill('', { timeout });
  await field.evaluate((el, v) => {
    const input = el as HTMLInputElement;
    Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), 'value')?.set?.call(input, v);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, value, { timeout });
}

/** How long an optional step waits for its element before it is skipped. */
const OPTIONAL_WAIT_MS = 2000;
const OPTION_KEYS = new Set(['value', 'optional', 'timeout']);

async function perform(page: Page, action: Action, rule: InteractionRule, o: InteractionOptions): Promise<void> {
  const [verb, target] = Object.entries(action)[0] as [string, ActionTarget & { value?: string; url?: string; visible?: Locator }];
  const within = (ms: number) => Math.max(100, Math.min(ms, o.deadline - Date.now()));
  // An optional step's own timeout is how long its element may take to appear; once it has, the action gets the rule's.
  const timeout = within((target.optional ? undefined : target.timeout) ?? rule.timeout ?? o.actionTimeout);
  const element = verb === 'wait' ? target.visible : target;
  try {
    if (target.optional && element && !(await appears(page, element, within(target.timeout ?? OPTIONAL_WAIT_MS)))) return; // not shown this time
    if ('fill' in action) {
      const value = expandTemplate(action.fill.value, o.values);
      typed(page, value);
      await fillQuietly(locate(page, action.fill).first(), value, timeout);
    }
    else if ('click' in action) await locate(page, action.click).first().click({ timeout });
    else if ('check' in action) await locate(page, action.check).first().check({ timeout });
    else if ('wait' in action) {
      if (action.wait.url) await page.waitForURL(globToRegExp(action.wait.url), { timeout });
      if (action.wait.visible) await locate(page, action.wait.visible).first().waitFor({ state: 'visible', timeout });
    }
  } catch (err) {
    if (o.landed()) return; // the action's navigation reached the client before the action settled
    const e = err as Error;
    const what = verb === 'wait' ? (target.url ? `url=${JSON.stringify(target.url)}` : describeLocator(target.visible!)) : describeLocator(withoutOptions(target));
    const cause = e.name === 'TimeoutError' ? `timed out after ${timeout} ms (no element matched, or it never became ready)` : e.message.split('\n')[0];
    throw new HarnessError(
      `interaction "${rule.name}": ${verb} ${what} failed on ${page.url()}: ${cause}`,
      'check this locator (and the rule\'s timeout) against the page: the screenshot is attached',
      await shot(page),
    );
  }
}

/** Waits for an optional step's element; false when it never shows. */
async function appears(page: Page, l: Locator, timeout: number): Promise<boolean> {
  try {
    await locate(page, l).first().waitFor({ state: 'visible', timeout });
    return true;
  } catch {
    return false;
  }
}

function withoutOptions(target: ActionTarget): Locator {
  return Object.fromEntries(Object.entries(target).filter(([k]) => !OPTION_KEYS.has(k))) as Locator;
}

// The one way a page of the target is captured: with what was typed masked (screenshot.ts).
export { shot };
