/**
 * The browser checks: the interaction rules get a real Chromium through the target's own pages to
 * the redirect URI, then the code is redeemed for tokens. Runs doctor's own scenario
 * (happy-flow.yaml) through the runner's executeScenario, so it is exactly the path of a real run.
 * On failure: the screenshot saved, the page's text, and the rule or locator that did not match.
 */
import path from 'node:path';
import type { Page } from 'playwright';
import { CHECK_IDS } from '../checks/index.js';
import { GUARDED_CONTEXT } from '../drive/page-guard.js';
import type { AuthorizationEvidence } from '../evidence/types.js';
import type { Redactor } from '../evidence/redact.js';
import { ROOT } from '../config.js';
import { LoadFailed } from '../load/errors.js';
import { executeScenario, type ScenarioOutcome } from '../runner/execute.js';
import type { HarnessBrowser } from '../runner/harness-browser.js';
import { loadScenarios } from '../scenario/load.js';
import type { ResolvedTarget } from '../target/resolve.js';
import { ok, problem, skipped, type Finding } from './finding.js';
import { shot } from '../drive/screenshot.js';
import { mkdirPrivate, writePrivate } from '../report/private-files.js';

const SCENARIO = path.join(ROOT, 'src/doctor/happy-flow.yaml');
const PAGE_TEXT_CHARS = 400;

export interface FlowOptions {
  target: ResolvedTarget;
  harness: HarnessBrowser;
  clientKey: string;
  redactor: Redactor;
  /** Where screenshots go. */
  reportDir: string;
  /** The client's credentials were refused: the token leg cannot succeed, and says so. */
  clientRefused: boolean;
}

export async function checkFlow(o: FlowOptions): Promise<Finding[]> {
  const { scenarios, errors } = loadScenarios([SCENARIO], { knownChecks: CHECK_IDS });
  if (errors.length) throw new LoadFailed(errors);
  const loaded = scenarios[0];
  const steps = loaded.scenario.steps.map((s) => ('authorize' in s ? { ...s, authorize: { ...s.authorize, client: o.clientKey } } : s));
  const context = await o.harness.browser.newContext(GUARDED_CONTEXT);
  try {
    let page: Page | undefined;
    const outcome = await executeScenario({ ...loaded, scenario: { ...loaded.scenario, steps } }, {
      target: o.target, profile: 'rfc9700', isHarnessHost: o.harness.isHarnessHost, redactor: o.redactor,
      page: async () => (page ??= await context.newPage()),
    });
    return [await interaction(outcome, page, o), tokens(outcome, o)];
  } finally {
    await context.close();
  }
}

async function interaction(outcome: ScenarioOutcome, page: Page | undefined, o: FlowOptions): Promise<Finding> {
  const auth = outcome.evidence.find((e): e is AuthorizationEvidence => e.kind === 'authorization');
  const what = `browser: client "${o.clientKey}" through the server's pages`;
  if (!auth) {
    const e = outcome.error;
    return problem(`${what}: ${e?.message ?? outcome.reason}`, e?.hint ?? 'check the `interaction` rules of the profile', await pageDetails(page, e?.screenshot, o));
  }
  const via = auth.interactions.length ? ` after ${auth.interactions.join(' → ')}` : '';
  const out = auth.outcome;
  if (out.type === 'redirect') {
    const error = out.query.error?.[0] ?? out.fragment.error?.[0];
    const code = out.query.code?.[0] ?? out.fragment.code?.[0];
    if (code && !error) return ok(`${what}: reached the redirect URI ${out.base} with a code${via}`);
    const description = out.query.error_description?.[0] ?? out.fragment.error_description?.[0];
    return problem(
      `${what}: the server sent the browser back to ${out.base} with ${error ? `error=${error}${description ? ` (${description})` : ''}` : 'no code'}${via}`,
      error === 'access_denied' ? 'the consent rule seems to deny: check its `steps` click the approving button'
        : error === 'invalid_scope' ? 'set `scope:` (or the client\'s scope) to a scope the client may request'
          : 'check the client\'s registration on the server: redirect URI, grant types, scope',
    );
  }
  return problem(
    `${what}: the server showed an error page${out.status ? ` (HTTP ${out.status})` : ''} at ${out.url}${via}: ${out.title ? `${out.title}: ` : ''}${out.text}`,
    `usually an unknown client_id or an unregistered redirect_uri: register ${o.target.profile.clients[o.clientKey]?.redirect_uris[0]} for this client`,
    await pageDetails(page, auth.screenshot, o),
  );
}

function tokens(outcome: ScenarioOutcome, o: FlowOptions): Finding {
  const what = 'complete flow';
  const issued = outcome.checks.find((c) => c.check === 'token-issued');
  if (issued?.verdict === 'pass') {
    const body = outcome.evidence.find((e) => e.kind === 'token');
    const json = (body?.kind === 'token' ? body.response.json : undefined) as Record<string, unknown> | undefined;
    const kinds = ['access_token', 'refresh_token', 'id_token'].filter((k) => json?.[k]);
    if (o.target.features.has('refresh-token') && !json?.refresh_token) {
      return problem(
        `${what}: tokens issued (${kinds.join(', ')}), but no refresh token, although the profile declares the feature \`refresh-token\``,
        'give the scope or parameters that get one (`scope:` or `authorization_params:`, e.g. offline_access with prompt=consent on OpenID Connect servers), or remove `refresh-token` from `features`',
      );
    }
    return ok(`${what}: tokens issued (${kinds.join(', ')}) in ${(outcome.durationMs / 1000).toFixed(1)} s`);
  }
  if (o.clientRefused) return skipped(`${what}: no tokens, as expected while the client's credentials are refused (above)`);
  const e = outcome.error;
  if (e && e.step !== 0 && outcome.evidence.some((ev) => ev.kind === 'authorization')) return problem(`${what}: ${e.message}`, e.hint ?? 'check the token endpoint and the client\'s registration');
  if (!issued) return skipped(`${what}: not reached (no code)`);
  const body = outcome.evidence.find((e) => e.kind === 'token');
  const json = (body?.kind === 'token' ? body.response.json : undefined) as Record<string, unknown> | undefined;
  if (json?.access_token && json.token_type === undefined) {
    return problem(`${what}: an access token was issued without \`token_type\` (${issued.actual ?? 'no token_type'})`, 'the server must send token_type (e.g. "Bearer") with every access token (RFC 6749 §5.1); the harness reports this deviation in a run');
  }
  return problem(`${what}: the code was not redeemed: ${issued.message}${issued.actual ? ` (${issued.actual})` : ''}`, 'check the client\'s registration (grant types, redirect URI) and its authentication method');
}

/** The screenshot (saved to a file) and the text of the page where the flow stopped. */
async function pageDetails(page: Page | undefined, screenshot: Buffer | undefined, o: FlowOptions): Promise<string[]> {
  const details: string[] = [];
  if (page) details.push(`page: ${page.url()}`);
  const text = page ? (await page.locator('body').innerText({ timeout: 2000 }).catch(() => '')).replace(/\s+/g, ' ').trim() : '';
  if (text) details.push(`page text: ${text.slice(0, PAGE_TEXT_CHARS)}${text.length > PAGE_TEXT_CHARS ? '…' : ''}`);
  const image = screenshot ?? (page ? await shot(page) : undefined);
  if (image) {
    mkdirPrivate(o.reportDir);
    const file = path.join(o.reportDir, 'doctor-failure.png');
    writePrivate(file, image);
    details.push(`screenshot: ${file}`);
  }
  return details;
}
