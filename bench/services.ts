// Helpers of the benchmark run: free ports, an nginx proxy_pass hop, wrk scripts.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { type Started, started } from './processes.js';

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

export async function waitForPort(port: number): Promise<void> {
  for (let tries = 0; tries < 100; tries++) {
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`nothing listens on ${port}`);
}

export function nginxConfig(directory: string, listenPort: number, upstreamPort: number): string {
  return `worker_processes 1;
daemon off;
pid ${directory}/nginx.pid;
error_log ${directory}/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${directory}/body;
  proxy_temp_path ${directory}/proxy;
  fastcgi_temp_path ${directory}/fastcgi;
  uwsgi_temp_path ${directory}/uwsgi;
  scgi_temp_path ${directory}/scgi;
  upstream simulator { server 127.0.0.1:${upstreamPort}; keepalive 128; }
  server {
    listen 127.0.0.1:${listenPort};
    location / {
      proxy_pass http://simulator;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
    }
  }
}`;
}

export function wrkScript(directory: string, name: string, body: string, key: string): string {
  const file = path.join(directory, `${name}.lua`);
  writeFileSync(
    file,
    `wrk.method = "POST"\nwrk.body = '${body}'\nwrk.headers["Content-Type"] = "application/json"\nwrk.headers["Authorization"] = "Bearer ${key}"\n`,
  );
  return file;
}

export async function startNginxQuietly(directory: string, port: number, core: number): Promise<Started> {
  const child = spawn(
    'taskset',
    [
      '-c',
      String(core),
      'nginx',
      '-c',
      path.join(directory, 'nginx.conf'),
      '-e',
      path.join(directory, 'nginx-error.log'),
    ],
    {
      stdio: 'ignore',
    },
  );
  await waitForPort(port);
  return started(child, 'SIGQUIT');
}
