/**
 * TLS of the target's https origins, checked by a handshake of our own: chain, expiry and host name,
 * against the system's CAs plus the one given with --ca. With --insecure a bad certificate is noted,
 * not a problem. The leaf's key hash lets the browser trust exactly that certificate.
 */
import { createHash, X509Certificate } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import { note, ok, problem, type Finding } from './finding.js';

export interface TlsOptions {
  /** PEM of an extra CA to trust (`--ca`). */
  ca?: string;
  insecure?: boolean;
  timeout: number;
}

export interface TlsResult { finding: Finding; spkiHash?: string; reachable: boolean }

type Handshake = { authorized: boolean; error?: string; spkiHash?: string } | { failed: string };

export async function checkTls(origin: string, o: TlsOptions): Promise<TlsResult> {
  const { hostname, port } = new URL(origin);
  const host = hostname.replace(/^\[|\]$/g, '');
  const h = await handshake(host, Number(port || 443), o);
  if ('failed' in h) {
    return { reachable: false, finding: problem(`TLS: no handshake with ${origin}: ${h.failed}`, 'is the server running on that address, and speaking https there?') };
  }
  if (h.authorized) return { reachable: true, spkiHash: h.spkiHash, finding: ok(`TLS certificate of ${origin} is valid${o.ca ? ' (with --ca)' : ''}`) };
  if (o.insecure) return { reachable: true, spkiHash: h.spkiHash, finding: note(`TLS certificate of ${origin} is not valid (${h.error}); accepted because of --insecure`) };
  return { reachable: true, finding: problem(`TLS certificate of ${origin} is not valid: ${h.error}`, fixFor(h.error ?? '', host)) };
}

function fixFor(code: string, host: string): string {
  if (/EXPIRED|NOT_YET_VALID/.test(code)) return 'renew the server\'s certificate';
  if (/ALTNAME|HOSTNAME/.test(code)) return `the certificate does not name ${host}: use the host name it was issued for, or reissue it`;
  return 'give --ca <file.pem> with the CA that issued it (a private CA), or --insecure to check the rest anyway';
}

function handshake(host: string, port: number, o: TlsOptions): Promise<Handshake> {
  return new Promise((resolve) => {
    const socket = tls.connect({
      host, port,
      servername: net.isIP(host) ? undefined : host,
      ca: o.ca ? [...tls.rootCertificates, o.ca] : undefined,
      // Judged below from `authorized`, so that the reason can be reported (and --insecure honoured).
      rejectUnauthorized: false,
      timeout: o.timeout,
    });
    const done = (h: Handshake) => { socket.destroy(); resolve(h); };
    socket.once('secureConnect', () => {
      const raw = socket.getPeerCertificate().raw;
      const spki = raw ? new X509Certificate(raw).publicKey.export({ type: 'spki', format: 'der' }) : undefined;
      const error = socket.authorizationError;
      done({
        authorized: socket.authorized,
        error: error ? String((error as unknown as { code?: string }).code ?? error) : undefined,
        spkiHash: spki ? createHash('sha256').update(spki).digest('base64') : undefined,
      });
    });
    socket.once('timeout', () => done({ failed: `no answer within ${o.timeout} ms` }));
    socket.once('error', (e: Error & { code?: string }) => done({ failed: e.code ?? e.message }));
  });
}
