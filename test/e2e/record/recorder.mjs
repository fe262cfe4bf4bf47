// Preloaded into every node process of a CLI run (NODE_OPTIONS=--import …/recorder.mjs) by
// test/e2e/secrets-and-network.test.ts. Appends to OC_RECORD_FILE, one JSON line per event:
//  - every outbound TCP connection a node process opens (net.client.socket, undici's connect channel);
//  - every secret in flight: codes and tokens the server hands out (Location headers and JSON bodies of
//    its HTTP responses), and form values the harness sends (codes, verifiers, refresh tokens).
// So the test can search the reports for the secrets the run really produced, and prove the network
// stayed on loopback.
import dc from 'node:diagnostics_channel';
import { appendFileSync } from 'node:fs';
import http from 'node:http';

const FILE = process.env.OC_RECORD_FILE;
const record = (o) => appendFileSync(FILE, `${JSON.stringify({ pid: process.pid, ...o })}\n`);

dc.subscribe('net.client.socket', ({ socket }) => {
  socket.once('connect', () => record({ kind: 'connect', by: 'net', address: socket.remoteAddress, port: socket.remotePort }));
  socket.once('lookup', (_err, address, _family, host) => record({ kind: 'lookup', host, address }));
});
dc.subscribe('undici:client:connected', ({ connectParams }) => record({ kind: 'connect', by: 'undici', host: connectParams.hostname, port: Number(connectParams.port) }));

function secretsIn(text) {
  const found = [];
  for (const m of String(text).matchAll(/(?:^|[?&#"\s])(code|code_verifier|access_token|refresh_token|id_token)(?:=|"\s*:\s*")([^&"#\s]{8,})/g)) {
    found.push({ name: m[1], value: decodeURIComponent(m[2]) });
  }
  return found;
}
const keep = (where, text) => { for (const s of secretsIn(text)) record({ kind: 'secret', where, ...s }); };

dc.subscribe('undici:request:create', ({ request }) => {
  keep('request', request.path);
  if (typeof request.body === 'string' || Buffer.isBuffer(request.body)) keep('request', request.body.toString());
});

// The embedded server (oidc-provider, in this process when it is the global-setup one): what it sends.
const { setHeader, end } = http.ServerResponse.prototype;
http.ServerResponse.prototype.setHeader = function (name, value) {
  if (String(name).toLowerCase() === 'location') keep('response', value);
  return setHeader.call(this, name, value);
};
http.ServerResponse.prototype.end = function (chunk, ...rest) {
  if (chunk && (typeof chunk === 'string' || Buffer.isBuffer(chunk)) && /access_token|refresh_token/.test(chunk.toString())) keep('response', chunk.toString());
  return end.call(this, chunk, ...rest);
};
