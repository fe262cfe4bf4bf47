/**
 * Gets the browser through the target's own pages (login, consent, ...) with the profile's
 * interaction rules, until it reaches a harness host (the redirect back to the client) or stops on a
 * page no rule knows. After each page change, the first rule whose URL pattern matches and whose `when`
 * element is visible runs. Nothing here knows which server it is talking to.
 */
import type { Frame, Locator as PageLocator, Page, Request } from 'playwright';
import type { Action, ActionTarget, InteractionRule, Locator } from '../target/schema.js';
import { expandTemplate, type TemplateValues } from '../target/templates.js';
import { HarnessError } from '../harness-error.js';
import { urlPattern } from '../target/url-pattern.js';
import { describeLocator, locate } from './locate.js';
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
  // Main-frame navigations started or committed (same-document ones included): what a rule's actions set off.
  let moves = 0;
  const onRequest = (r: Request) => { if (r.isNavigationRequest() && r.frame() === page.mainFrame()) moves++; };
  const onNavigated = (f: Frame) => { if (f === page.mainFrame()) moves++; };
  page.on('request', onRequest);
  page.on('framenavigated', onNavigated);
  try {
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
      const before = moves;
      const actions = o.consent === 'deny' && rule.deny ? rule.deny : rule.steps;
      for (const action of actions) await perform(page, action, rule, o);
      await settle(page, rule, o, () => moves !== before || page.url() !== lastUrl);
    }
  } finally {
    page.off('request', onRequest);
    page.off('framenavigated', onNavigated);
  }
}

/**
 * After a rule's actions, waits for what they set off before the next rule is looked for: a sign-in
 * that posts by script (`fetch()`) and navigates only once the answer is in leaves its page unchanged
 * for a while after the click, and would otherwise meet its own rule again. Done when a navigation
 * started or the URL changed, the page no longer fits this rule (another fits, or none), or after the
 * rule's timeout: then the rule meets its page again, and "ran twice" names it.
 */
async function settle(page: Page, rule: InteractionRule, o: InteractionOptions, moved: () => boolean): Promise<void> {
  const until = Math.min(o.deadline, Date.now() + (rule.timeout ?? o.actionTimeout));
  while (Date.now() < until) {
    if (o.landed() || o.navigating() || moved()) return;
    if ((await firstFitting(page, o.rules)) !== rule) return;
    await page.waitForTimeout(POLL_MS);
  }
}

/** The rule that would run on the page now: the first whose URL pattern fits and whose `when` shows. */
async function firstFitting(page: Page, rules: readonly InteractionRule[]): Promise<InteractionRule | undefined> {
  const url = page.url();
  for (const rule of rules) {
    if (urlPattern(rule.match).test(url) && (!rule.when || (await visible(page, rule.when)))) return rule;
  }
  return undefined;
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
      if (!urlPattern(rule.match).test(url)) continue;
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
      if (action.wait.url) await page.waitForURL(urlPattern(action.wait.url), { timeout });
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
