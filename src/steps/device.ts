/**
 * device — a device authorization grant (RFC 8628): the device authorization request (§3.1), polls of
 * the token endpoint with the device code (§3.4) at the moments the step names, and the user's part in
 * the real browser: the verification page (§3.3), where the user code is typed, then the server's own
 * login and consent, all through the profile's interaction rules (`{{device.user_code}}`). The tokens
 * issued are available to later steps like a token step's.
 */
import type { DeviceEvidence, DevicePoll } from '../evidence/fapi.js';
import { send } from '../drive/http.js';
import { interact } from '../drive/interaction.js';
import { NotApplicable } from '../harness-error.js';
import type { DeviceSpec } from '../scenario/schema.js';
import { templateValues } from '../target/templates.js';
import { clientAuth, type ClientAuthVariant } from './client-auth.js';
import { client, timeouts, tokensOf, type StepContext } from './context.js';
import { tokenRequest } from './token-request.js';

export const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
/** The longest a scenario waits for a device code to expire, or polls for approval. */
export const MAX_DEVICE_WAIT_S = 40;
type Phase = DevicePoll['phase'];
const ORDER: Phase[] = ['before-approval', 'fast', 'other-client', 'after-approval', 'replay', 'after-expiry'];

export async function device(spec: DeviceSpec, ctx: StepContext): Promise<DeviceEvidence> {
  const clientKey = spec.client ?? 'public';
  const c = client(ctx, clientKey);
  const endpoint = ctx.target.endpoints.metadata?.device_authorization_endpoint;
  ctx.results[ctx.index] = { kind: 'token', client: clientKey };
  const ev: DeviceEvidence = { kind: 'device', step: ctx.index, client: clientKey, polls: [] };
  if (typeof endpoint !== 'string') return ev;
  ev.endpoint = endpoint;
  const auth = await clientAuth(c, spec.auth as ClientAuthVariant | undefined, ctx.target.endpoints.issuer, (a) => ctx.redactor.add(a, 'client_assertion'));
  const scope = spec.scope ?? c.scope ?? ctx.target.profile.scope ?? 'openid';
  const form: [string, string][] = [['scope', scope], ...auth.form];
  if (!form.some(([k]) => k === 'client_id') && !auth.headers.authorization) form.push(['client_id', c.id]);
  ev.authorization = await send({ method: 'POST', url: endpoint, headers: auth.headers, query: auth.query, form, timeout: timeouts(ctx.target).http });
  const body = ev.authorization.response.json as Record<string, unknown> | undefined;
  const deviceCode = typeof body?.device_code === 'string' ? body.device_code : undefined;
  ctx.redactor.add(deviceCode, 'device_code');
  if (!deviceCode || ev.authorization.response.status >= 300) return ev;
  ev.userCode = typeof body?.user_code === 'string' ? body.user_code : undefined;
  ev.deviceCode = codeShape(deviceCode);
  ev.expiresIn = typeof body?.expires_in === 'number' ? body.expires_in : undefined;
  ev.interval = typeof body?.interval === 'number' ? body.interval : undefined;
  // Without a page to send the user to, or a code to type, the response is what is judged (DV-01).
  if (!ev.userCode || typeof body?.verification_uri !== 'string') return ev;
  const started = Date.now();
  const interval = (ev.interval ?? 5) * 1000;
  let last = 0;
  const poll = async (phase: Phase, who = clientKey) => {
    const req = tokenRequest({ ...ctx, expectsRefusal: true }, { client: client(ctx, who), params: [['grant_type', DEVICE_GRANT], ['device_code', deviceCode]] });
    const ex = await req.send();
    last = Date.now();
    const p: DevicePoll = { ...ex, at: (last - started) / 1000, client: who, phase };
    ev.polls.push(p);
    return p;
  };
  const phases = ORDER.filter((p) => (spec.polls ?? ['after-approval']).includes(p));
  for (const phase of phases) {
    // The user approves on the verification page before the first poll that needs it.
    if ((spec.approve ?? true) && !ev.approval && ['other-client', 'after-approval', 'replay', 'after-expiry'].includes(phase)) ev.approval = await approve(ctx, body, ev.userCode);
    if (phase === 'before-approval') await poll(phase);
    if (phase === 'fast') { await poll(phase); await poll(phase); }
    if (phase === 'other-client') await poll(phase, 'second');
    if (phase === 'after-approval') {
      let p: DevicePoll | undefined;
      do {
        await new Promise((r) => setTimeout(r, Math.max(0, last + interval + 200 - Date.now())));
        p = await poll(phase);
      } while (errorOf(p) === 'authorization_pending' && Date.now() - started < MAX_DEVICE_WAIT_S * 1000);
      ctx.results[ctx.index] = { kind: 'token', client: clientKey, ...tokensOf(ctx, p.response.json) };
    }
    if (phase === 'replay') { await new Promise((r) => setTimeout(r, Math.max(0, last + interval + 200 - Date.now()))); await poll(phase); }
    if (phase === 'after-expiry') {
      if (ev.expiresIn === undefined || ev.expiresIn > MAX_DEVICE_WAIT_S) throw new NotApplicable(`the device code lives ${ev.expiresIn ?? '(no expires_in)'} s, longer than the ${MAX_DEVICE_WAIT_S} s the harness waits`);
      await new Promise((r) => setTimeout(r, Math.max(0, started + (ev.expiresIn! + 1.5) * 1000 - Date.now())));
      await poll(phase);
    }
  }
  return ev;
}

/** The user's part: the verification page, the user code typed, then the server's login and consent. */
async function approve(ctx: StepContext, body: Record<string, unknown> | undefined, userCode: string | undefined): Promise<DeviceEvidence['approval']> {
  const uri = body?.verification_uri;
  if (typeof uri !== 'string' || !userCode) throw new NotApplicable('the device authorization response has no verification_uri or user_code to enter');
  const page = await ctx.page();
  const t = timeouts(ctx.target);
  await page.goto(uri, { timeout: t.action });
  const end = await interact(page, {
    rules: ctx.target.profile.interaction,
    consent: 'approve',
    values: { ...templateValues(ctx.target.profile), 'device.user_code': userCode },
    landed: () => false,
    navigating: () => false,
    // The flow ends on the server's own page (success, or an error): none of the rules fits it.
    gaveUp: async (waited) => waited > 1000,
    actionTimeout: t.action,
    deadline: Date.now() + t.flow,
  });
  const text = (await page.locator('body').innerText({ timeout: 2000 }).catch(() => '')).replace(/\s+/g, ' ').trim().slice(0, 300);
  return { ran: end.ran, url: page.url(), title: await page.title().catch(() => ''), text };
}

function errorOf(p: DevicePoll): string | undefined {
  const e = (p.response.json as { error?: unknown } | undefined)?.error;
  return typeof e === 'string' ? e : undefined;
}

/** Length, alphabet and the bits a code of that shape can carry at most (RFC 8628 §5.2, §6.1). */
export function codeShape(code: string): { length: number; alphabet: number; bits: number } {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[-_]/, /[^a-zA-Z0-9\-_]/];
  const sizes = [26, 26, 10, 2, 30];
  const alphabet = classes.reduce((n, re, i) => n + (re.test(code) ? sizes[i]! : 0), 0);
  return { length: code.length, alphabet, bits: Math.round(code.length * Math.log2(Math.max(alphabet, 2))) };
}
