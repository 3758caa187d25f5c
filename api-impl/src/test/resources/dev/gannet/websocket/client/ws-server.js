// Test peer for the Gannet client: a node 'ws' server on 127.0.0.1, port 0.
// Usage: node ws-server.js '<json options>'; prints "PORT <n>" once listening.
// Options: tls {pfx, passphrase}; deflate (bool); protocols [names the server accepts];
// auth {scheme: "basic"|"digest", algorithm: "MD5"|"SHA-256", user, pass}.
// Paths: /echo (default) echoes every message as received; /close?code=N&reason=R closes at
// once with that code; /headers sends the request headers as JSON, then echoes.
'use strict';
const http = require('http');
const https = require('https');
const fs = require('fs');
const crypto = require('crypto');
const { WebSocketServer } = require('ws');

const opts = JSON.parse(process.argv[2] || '{}');
const nonce = crypto.randomBytes(16).toString('hex');
const opaque = crypto.randomBytes(8).toString('hex');

const wss = new WebSocketServer({
  noServer: true,
  maxPayload: 64 * 1024 * 1024,
  perMessageDeflate: opts.deflate ? { threshold: 0 } : false,
  handleProtocols: (offered) => {
    for (const p of offered) {
      if ((opts.protocols || []).includes(p)) return p;
    }
    return false;
  },
});
wss.on('headers', (headers) => headers.push('X-Gannet-Test: hello'));

function hash(alg, s) {
  return crypto.createHash(alg === 'SHA-256' ? 'sha256' : 'md5').update(s, 'utf8').digest('hex');
}

function authorized(req) {
  const a = opts.auth;
  if (!a) return true;
  const h = req.headers['authorization'] || '';
  if (a.scheme === 'basic') {
    return h === 'Basic ' + Buffer.from(a.user + ':' + a.pass, 'utf8').toString('base64');
  }
  if (!h.startsWith('Digest ')) return false;
  const p = {};
  for (const m of h.slice(7).matchAll(/([a-zA-Z]+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)) {
    p[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
  }
  if (p.nonce !== nonce || p.uri !== req.url || p.username !== a.user || p.qop !== 'auth') return false;
  if ((p.algorithm || 'MD5') !== a.algorithm || p.opaque !== opaque) return false;
  const ha1 = hash(a.algorithm, a.user + ':gannet-test:' + a.pass);
  const ha2 = hash(a.algorithm, 'GET:' + req.url);
  return p.response === hash(a.algorithm, [ha1, nonce, p.nc, p.cnonce, 'auth', ha2].join(':'));
}

function challenge() {
  const a = opts.auth;
  if (a.scheme === 'basic') return 'Basic realm="gannet-test", charset="UTF-8"';
  return `Digest realm="gannet-test", qop="auth", algorithm=${a.algorithm}, nonce="${nonce}", opaque="${opaque}"`;
}

const server = opts.tls
  ? https.createServer({ pfx: fs.readFileSync(opts.tls.pfx), passphrase: opts.tls.passphrase })
  : http.createServer();
server.on('request', (req, res) => { res.writeHead(404); res.end('websocket only\n'); });
server.on('upgrade', (req, socket, head) => {
  if (!authorized(req)) {
    socket.end('HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: ' + challenge()
      + '\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});

wss.on('connection', (ws, req) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/close') {
    ws.close(Number(url.searchParams.get('code')), url.searchParams.get('reason') || '');
    return;
  }
  if (url.pathname === '/headers') {
    ws.send(JSON.stringify(req.headers));
  }
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
  ws.on('error', () => {});
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write('PORT ' + server.address().port + '\n');
});
// End with the JVM: the test closes our stdin.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
