/** tls — handshakes with an https endpoint of the target: certificate verification, then each protocol version. */
import { trustedCas } from '../drive/http.js';
import { probeVersion, verifyCertificate } from '../drive/tls-probe.js';
import { TLS_VERSIONS, type TlsEvidence } from '../evidence/types.js';
import { HarnessError } from '../harness-error.js';
import type { TlsSpec } from '../scenario/schema.js';
import { timeouts, type StepContext } from './context.js';

export async function tls(spec: TlsSpec, ctx: StepContext): Promise<TlsEvidence> {
  const base = spec.endpoint === 'resource' ? ctx.target.resource : ctx.target.endpoints[spec.endpoint];
  if (!base) throw new HarnessError(`the target has no ${spec.endpoint} endpoint URL`);
  const url = new URL(base);
  if (url.protocol !== 'https:') {
    throw new HarnessError(`the ${spec.endpoint} endpoint ${url.origin} is not https, so no TLS handshake can be judged`, 'declare the feature `https` only for a target served over https');
  }
  const o = { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 443), ca: trustedCas(), timeout: timeouts(ctx.target).http };
  let verification;
  try {
    verification = await verifyCertificate(o);
  } catch (err) {
    throw new HarnessError(`no TLS handshake with ${url.host}: ${(err as Error).message.split('\n')[0]}`, 'is the target running, and its endpoint URL right in the profile?');
  }
  const handshakes = [];
  for (const v of TLS_VERSIONS) handshakes.push(await probeVersion(o, v));
  ctx.results[ctx.index] = { kind: 'other' };
  return { kind: 'tls', step: ctx.index, endpoint: spec.endpoint, address: url.host, verification, handshakes };
}
