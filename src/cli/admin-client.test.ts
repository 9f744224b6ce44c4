// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are ${VAR} references under test, not templates
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAdminClient, resolveAdminTarget } from './admin-client.js';

const directory = mkdtempSync(path.join(tmpdir(), 'switchyard-admin-client-'));

describe('resolveAdminTarget', () => {
  it('prefers flags, then SWITCHYARD_URL / SWITCHYARD_ADMIN_KEY, then the configuration', () => {
    const config = path.join(directory, 'switchyard.yaml');
    writeFileSync(config, 'server: { host: 0.0.0.0, port: 9123 }\nadmin: { key: "${FROM_FILE}" }\n');
    const env = { SWITCHYARD_CONFIG: config, FROM_FILE: 'file-admin-key-0123456789' };
    expect(resolveAdminTarget({}, env)).toEqual({
      url: 'http://127.0.0.1:9123',
      adminKey: 'file-admin-key-0123456789',
    });
    expect(
      resolveAdminTarget({}, { ...env, SWITCHYARD_URL: 'http://gw:1/', SWITCHYARD_ADMIN_KEY: 'env-key' }),
    ).toEqual({ url: 'http://gw:1', adminKey: 'env-key' });
    expect(resolveAdminTarget({ url: 'https://x', adminKey: 'flag-key' }, env)).toEqual({
      url: 'https://x',
      adminKey: 'flag-key',
    });
  });

  it('defaults to 127.0.0.1:8080 and says how to give a missing admin key', () => {
    expect(resolveAdminTarget({ adminKey: 'k' }, {}).url).toBe('http://127.0.0.1:8080');
    expect(() => resolveAdminTarget({}, {})).toThrow(
      /pass --admin-key or set SWITCHYARD_ADMIN_KEY.*--offline/,
    );
    expect(() => resolveAdminTarget({ adminKey: 'k', url: 'ftp://x' }, {})).toThrow(/http\(s\) URL/);
  });
});

describe('createAdminClient', () => {
  it('sends the admin key and turns error envelopes into messages naming the field', async () => {
    const seen: string[] = [];
    const server = createServer((request, response) => {
      seen.push(String(request.headers.authorization));
      response.writeHead(request.url === '/ok' ? 200 : 400, { 'content-type': 'application/json' });
      response.end(
        request.url === '/ok'
          ? '{"fine":true}'
          : '{"error":{"type":"invalid_request_error","message":"bad name","param":"name"}}',
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const client = createAdminClient({ url, adminKey: 'secret-admin' });
      expect(await client.request('GET', '/ok')).toEqual({ fine: true });
      await expect(client.request('POST', '/bad', {})).rejects.toThrow('400: bad name (name)');
      expect(seen).toEqual(['Bearer secret-admin', 'Bearer secret-admin']);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    await expect(createAdminClient({ url, adminKey: 'k' }).request('GET', '/ok')).rejects.toThrow(
      /cannot reach the gateway/,
    );
  });
});
