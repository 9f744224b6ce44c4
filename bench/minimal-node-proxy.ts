// The floor for any Node.js gateway on this machine: read the body, parse it, forward it with undici,
// parse the answer, write it back. No auth, routing, accounting or logging. The benchmark runs it
// beside Switchyard so the report can separate Node's own cost from the gateway's.
import { createServer } from 'node:http';
import { Pool } from 'undici';

const [listenPort, upstreamPort] = process.argv.slice(2).map(Number);
const pool = new Pool(`http://127.0.0.1:${upstreamPort}`, { connections: 128 });

createServer(async (request, response) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>;
  body.model = 'demo-fast';
  const upstream = await pool.request({
    method: 'POST',
    path: '/v1/chat/completions',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (body.stream === true) {
    response.writeHead(upstream.statusCode, { 'content-type': 'text/event-stream' });
    for await (const chunk of upstream.body) response.write(chunk);
    response.end();
    return;
  }
  const text = JSON.stringify(await upstream.body.json());
  response.writeHead(upstream.statusCode, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}).listen(listenPort, '127.0.0.1', () => process.stdout.write(`minimal proxy listening on ${listenPort}\n`));
