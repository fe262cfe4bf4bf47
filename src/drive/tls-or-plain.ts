/**
 * One listening socket for http and https: each connection goes to the TLS server when its first byte
 * opens a TLS handshake (0x16), to the plain server otherwise. Used by the harness's stub (redirect URIs
 * of both schemes on one port) and by the embedded server's plain-http-accepted flaw.
 */
import type http from 'node:http';
import type https from 'node:https';
import net from 'node:net';

export function tlsOrPlain(secure: https.Server, plain: http.Server): net.Server {
  return net.createServer((socket) => {
    socket.once('readable', () => {
      const head = socket.read(1) as Buffer | null;
      if (!head) return socket.destroy();
      socket.unshift(head);
      (head[0] === 0x16 ? secure : plain).emit('connection', socket);
    });
  });
}
