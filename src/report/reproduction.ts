/**
 * A scenario's reproduction as plain text, step by step: the authorization URL to open in a browser,
 * a curl per back-channel call (values as recorded, so already redacted). Attached to the Playwright
 * and Allure reports; the HTML summary shows the same beside each piece of evidence.
 */
import { curlOf } from './curl.js';
import type { RecordedEvidence } from './results.js';

function lines(e: RecordedEvidence): string[] {
  switch (e.kind) {
    case 'authorization': return [`open in a browser (client ${e.client}): ${e.request.url}`];
    case 'frame': return [`frame in an attacker page: ${e.url}`];
    case 'metadata': return e.documents.map((d) => curlOf(d.request));
    case 'token-race': return [`${e.exchanges.length} times at once: ${curlOf(e.exchanges[0].request)}`];
    case 'tls': return e.handshakes.map((h) => `openssl s_client -connect ${e.address} -${h.version.replace('TLSv', 'tls').replace('.', '_')} </dev/null`);
    default: return [curlOf(e.request)];
  }
}

export function reproductionOf(evidence: RecordedEvidence[]): string {
  return evidence.map((e) => [`# step ${e.step}: ${e.kind}`, ...lines(e)].join('\n')).join('\n\n');
}
