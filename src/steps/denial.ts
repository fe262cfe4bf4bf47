/**
 * A step whose user denies consent is judged only if the user really denied: the profile's `deny` steps
 * ran on a page an interaction rule knew (a consent page). Otherwise the denial scenario's premise does
 * not hold — the server approved on login, remembered an earlier consent, or the profile cannot deny —
 * and it is not applicable, naming which (issue 11: a "denial" with no consent page was judged a fail).
 */
import type { Page } from 'playwright';
import { deliveredGrants, responseError } from '../checks/outcome.js';
import { shot } from '../drive/interaction.js';
import type { AuthorizationEvidence } from '../evidence/types.js';
import { HarnessError, NotApplicable } from '../harness-error.js';
import type { InteractionRule } from '../target/schema.js';

/** Records in `ev.denied` whether deny steps ran; throws NotApplicable (or HarnessError, for a page no rule knew) when none did. */
export async function requireDenial(ev: AuthorizationEvidence, rules: readonly InteractionRule[], page: Page): Promise<void> {
  const ran = ev.interactions;
  ev.denied = ran.some((name) => rules.find((rule) => rule.name === name)?.deny);
  if (ev.denied) return;
  const o = ev.outcome;
  if (o.type === 'error-page' && (o.status ?? 0) < 400) {
    // The scenario expects a refusal, so the driver took this page for an error page: most likely the consent page no rule knew.
    throw new HarnessError(
      `the user was to deny consent, but the flow stopped on ${o.url} (${ran.length ? `after ${ran.join(' → ')}` : 'before any interaction'}), a page no interaction rule matched`,
      'if it is the consent page, add or fix the consent rule (with `deny:` steps) in the target profile\'s `interaction` (screenshot attached)',
      await shot(page),
    );
  }
  throw new NotApplicable(noDenial(rules, ran, ev), ev);
}

/** Why the user could not deny consent: no consent page came, or the profile cannot deny on one. */
function noDenial(rules: readonly InteractionRule[], ran: readonly string[], e: AuthorizationEvidence): string {
  const ended = `the flow ended with ${endedWith(e)}`;
  if (!rules.some((rule) => rule.deny)) {
    return `nothing was denied: no interaction rule of the profile has \`deny\` steps (${ran.length ? `${ran.join(' → ')} ran, approving any consent page` : 'no rule ran'}; `
      + `${ended}); if the server has a consent page, add \`deny:\` to its rule`;
  }
  const approved = deliveredGrants(e).length > 0;
  const why = !approved ? `${ran.length ? `after ${ran.join(' → ')}, ` : ''}${ended} before any consent page`
    : ran.length ? `only ${ran.join(' → ')} ran: the server approved on login, or remembered an earlier consent; ${ended}`
      : `no page of the server asked for anything: it approved at once; ${ended}`;
  return `no consent page was shown to deny (${why})`;
}

/** Where the flow ended, without the URL (it may carry a code). */
function endedWith(e: AuthorizationEvidence): string {
  const o = e.outcome;
  if (o.type === 'error-page') return `an error page${o.status ? ` (HTTP ${o.status})` : ''}`;
  const what = deliveredGrants(e).join(' and ') || (responseError(e) ? `error=${JSON.stringify(responseError(e))}` : 'nothing');
  return `a redirect to the ${o.target === 'registered' ? 'registered' : 'other'} redirect URI with ${what}`;
}
