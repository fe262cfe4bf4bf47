/**
 * TLS of the target's https origins, checked by a handshake of our own: chain, expiry and host name,
 * against the system's CAs plus the one given with --ca. With --insecure a bad certificate is noted,
 * not a problem. The leaf's key hash lets the browser trust exactly that certificate.
 */
import { verifyCertificate } from '../drive/tls-probe.js';
import { note, ok, problem, type Finding } from './finding.js';

export interface TlsOptions {
  /** PEM of an extra CA to trust (`--ca`). */
  ca?: string;
  insecure?: boolean;
  timeout: number;
}

export interface TlsResult { finding: Finding; spkiHash?: string; reachable: boolean }

export async function checkTls(origin: string, o: TlsOptions): Promise<TlsResult> {
  const { hostname, port } = new URL(origin);
  const host = hostname.replace(/^\[|\]$/g, '');
  let h;
  try {
    h = await verifyCertificate({ host, port: Number(port || 443), ca: o.ca ? [o.ca] : undefined, timeout: o.timeout });
  } catch (err) {
    const e = err as Error & { code?: string };
    return { reachable: false, finding: problem(`TLS: no handshake with ${origin}: ${e.code ?? e.message}`, 'is the server running on that address, and speaking https there?') };
  }
  if (h.verified) return { reachable: true, spkiHash: h.spkiHash, finding: ok(`TLS certificate of ${origin} is valid${o.ca ? ' (with --ca)' : ''}`) };
  if (o.insecure) return { reachable: true, spkiHash: h.spkiHash, finding: note(`TLS certificate of ${origin} is not valid (${h.error}); accepted because of --insecure`) };
  return { reachable: true, finding: problem(`TLS certificate of ${origin} is not valid: ${h.error}`, fixFor(h.error ?? '', host)) };
}

function fixFor(code: string, host: string): string {
  if (/EXPIRED|NOT_YET_VALID/.test(code)) return 'renew the server\'s certificate';
  if (/ALTNAME|HOSTNAME/.test(code)) return `the certificate does not name ${host}: use the host name it was issued for, or reissue it`;
  return 'name the CA that issued it (a private CA): `ca: <file.pem>` in the profile (for runs) or --ca <file.pem> here; or --insecure to check the rest anyway';
}
