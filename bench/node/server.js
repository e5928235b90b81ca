// The alternative the sidecar is measured against: a minimal Node.js endpoint with jsonwebtoken, written the way the
// vendors' documents show it (DG: vendor-docs/dg.txt, Kindly: vendor-docs/kindly.txt), on the same routes, keys and
// port layout as the sidecar. One process, Node's own http module, no framework.
'use strict';
const fs = require('fs');
const http = require('http');
const jwt = require('jsonwebtoken');

const port = Number(process.env.PORT || 8790);
const dgSecret = fs.readFileSync(process.env.DG_SECRET_FILE, 'utf8').replace(/\r?\n$/, '');
const dgApiKey = process.env.DG_KEY_ID;
const kindlyKey = fs.readFileSync(process.env.KINDLY_KEY_FILE);
const kindlyIssuer = process.env.KINDLY_ISSUER;

function dgToken(externalId) {
  return jwt.sign({ scope: 'user', external_id: externalId }, dgSecret,
    { header: { alg: 'HS256', typ: 'JWT', kid: dgApiKey } });
}

function kindlyToken(sub, chatId) {
  return jwt.sign({ sub, chat: { id: chatId, webhook_domains: ['example.com', '*.example.org'] } }, kindlyKey,
    { algorithm: 'RS256', expiresIn: '5m', issuer: kindlyIssuer });
}

function answer(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/q/health/ready') {
    return answer(res, 200, { status: 'UP' });
  }
  let body = '';
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => {
    try {
      const identity = JSON.parse(body);
      if (req.url === '/v1/tokens/dg-bench' && identity.user_id) {
        return answer(res, 200, { token: dgToken(identity.user_id), profile: 'dg-bench', vendor: 'dg', expires_at: null });
      }
      if (req.url === '/v1/tokens/kindly-bench' && identity.user_id && identity.chat_id) {
        return answer(res, 200, { token: kindlyToken(String(identity.user_id), identity.chat_id), profile: 'kindly-bench', vendor: 'kindly' });
      }
      return answer(res, 404, { error: 'not found' });
    } catch (e) {
      return answer(res, 400, { error: 'bad request' });
    }
  });
}).listen(port, '127.0.0.1');
