/**
 * The harness's loopback stub: every redirect URI host and attacker host resolves here (Chromium
 * host-resolver rules). One port serves http and https (the first byte tells a TLS handshake apart),
 * with a certificate generated at start for those hosts. It records what reaches it and answers with a
 * neutral page that echoes nothing, so a leaked code never leaves the machine nor lands in a screenshot.
 */
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import { spkiHash } from './chromium.js';
import { harnessHosts } from '../target/resolve.js';
import type { TargetProfile } from '../target/schema.js';
import { tlsOrPlain } from './tls-or-plain.js';

export interface StubHit { method: string; url: string; body: string; at: number }

export interface Stub {
  port: number;
  /** base64 SHA-256 of the certificate's SubjectPublicKeyInfo, for --ignore-certificate-errors-spki-list. */
  spkiHash: string;
  hits: StubHit[];
  close(): Promise<void>;
}

/** The neutral page the stub answers with (also served in the browser for loopback redirect URIs, loopback.ts). */
export const STUB_PAGE = '<!doctype html><title>oauth-conformance</title><p>oauth-conformance: the authorization response reached the harness.</p>';

export const STUB_HEADERS = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' };

/** An attacker page that frames the given URL (clickjacking, RFC 6749 §10.13). */
export const FRAME_PATH = '/__oauth-conformance/frame';

function framePage(src: string): string {
  const attr = src.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<!doctype html><title>attacker</title><p>attacker page</p><iframe id="victim" src="${attr}" width="800" height="600"></iframe>`;
}

/** The names the stub's certificate must cover for a target: each harness host, and the wildcards as they are. */
export function stubCertificateHosts(profile: TargetProfile): string[] {
  const hosts = harnessHosts(profile);
  return hosts.map((h) => h.replace(/^\*\./, '')).concat(hosts.filter((h) => h.startsWith('*.')));
}

/** The stub's certificate and key (PEM), for the hosts it answers as. */
export interface StubTls { cert: string; key: string }

/**
 * A self-signed certificate for the stub's hosts. A run makes one in its global setup and hands it to
 * every worker (OC_STUB_TLS): key generation and its library cost each process most of a second.
 */
export async function stubCertificate(hosts: string[]): Promise<StubTls> {
  const { generate } = await import('selfsigned');
  const pems = await generate([{ name: 'commonName', value: 'oauth-conformance stub' }], {
    // An EC key: made in a millisecond where an RSA key takes a few hundred (every run makes one).
    keyType: 'ec', curve: 'P-256', algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [...new Set(hosts)].map((value) => ({ type: 2, value })) }],
  } as Parameters<typeof generate>[1]);
  return { cert: pems.cert, key: pems.private };
}

export async function startStub(hosts: string[], tls?: StubTls): Promise<Stub> {
  const hits: StubHit[] = [];
  const handler: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const scheme = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
      hits.push({ method: req.method ?? 'GET', url: `${scheme}://${req.headers.host}${req.url}`, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      const url = new URL(req.url ?? '/', 'http://stub');
      res.writeHead(req.url === '/favicon.ico' ? 404 : 200, STUB_HEADERS);
      res.end(url.pathname === FRAME_PATH ? framePage(url.searchParams.get('src') ?? '') : STUB_PAGE);
    });
  };
  const pems = tls ?? await stubCertificate(hosts);
  const plain = http.createServer(handler);
  const secure = https.createServer({ key: pems.key, cert: pems.cert }, handler);
  const front = tlsOrPlain(secure, plain);
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  return {
    port: (front.address() as net.AddressInfo).port,
    spkiHash: spkiHash(pems.cert),
    hits,
    async close() {
      plain.closeAllConnections();
      secure.closeAllConnections();
      await new Promise<void>((resolve) => front.close(() => resolve()));
    },
  };
}
