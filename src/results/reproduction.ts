/**
 * A scenario's reproduction as a shell script, step by step: the authorization URL to open in a
 * browser (a comment), a curl per back-channel call (values as recorded, so already redacted). Every
 * line is a comment made one safe line, or a command whose arguments are quoted (curl.ts). Attached
 * to the Playwright and Allure reports; the HTML summary shows the same beside each piece of evidence.
 */
import { safeTerminal } from '../text/terminal.js';
import { curlOf, shellQuote } from './curl.js';
import type { RecordedEvidence } from './results.js';

const comment = (s: string) => `# ${safeTerminal(s)}`;

function lines(e: RecordedEvidence): string[] {
  switch (e.kind) {
    case 'authorization': return [comment(`open in a browser (client ${e.client}): ${e.request.url}`)];
    case 'frame': return [comment(`frame in an attacker page: ${e.url}`)];
    case 'metadata': return e.documents.map((d) => curlOf(d.request));
    case 'token-race': return e.rounds.slice(0, 1).flatMap((r) => r.exchanges.slice(0, 1).flatMap((x) => [
      comment(`${e.concurrent} times at once (${e.rounds.length} round(s), each with a fresh ${e.grant === 'refresh_token' ? 'refresh token' : 'code'}):`),
      curlOf(x.request),
    ]));
    case 'par': return e.exchange ? [curlOf(e.exchange.request)] : [comment('(no pushed_authorization_request_endpoint advertised)')];
    case 'device': return [...(e.authorization ? [curlOf(e.authorization.request)] : []), ...e.polls.slice(0, 3).map((p) => curlOf(p.request))];
    case 'introspection': return e.exchange ? [curlOf(e.exchange.request)] : [comment('(no introspection_endpoint advertised)')];
    case 'tls': return e.handshakes.map((h) => {
      const flag = h.version.replace('TLSv', 'tls').replace('.', '_');
      return /^tls1(_[0-3])?$/.test(flag) ? `openssl s_client -connect ${shellQuote(e.address)} -${flag} </dev/null` : comment(`TLS ${h.version} at ${e.address}`);
    });
    default: return [curlOf(e.request)];
  }
}

export function reproductionOf(evidence: RecordedEvidence[]): string {
  return evidence.map((e) => [comment(`step ${e.step}: ${e.kind}`), ...lines(e)].join('\n')).join('\n\n');
}
