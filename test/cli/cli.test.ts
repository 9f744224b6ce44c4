import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';

const run = promisify(execFile);
const cli = path.resolve(import.meta.dirname, '../../bin/switchyard.js');
const dataDir = mkdtempSync(path.join(tmpdir(), 'switchyard-cli-'));
let gateway: ChildProcess;
let url = '';
let initialKey = '';
const adminKey = 'cli-admin-key-0123456789abcdef';
/** Runs a CLI command against the running gateway's admin API. */
const online = () => ['--url', url, '--admin-key', adminKey];
/** The CLI must not pick up an admin key or URL from the developer's own environment. */
const cliEnv = { ...process.env, SWITCHYARD_ADMIN_KEY: '', SWITCHYARD_URL: '', SWITCHYARD_CONFIG: '' };
const runCli = (args: string[]) => run(process.execPath, [cli, ...args], { env: cliEnv });

/** Waits until `key` gets `status` from the gateway; returns how long that took. */
async function waitForStatus(key: string, status: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < 2000) {
    const response = await fetch(`${url}/v1/models`, { headers: { authorization: `Bearer ${key}` } });
    await response.arrayBuffer();
    if (response.status === status) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`key never answered ${status}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function startGatewayProcess(args: string[]): Promise<{ child: ChildProcess; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'start', ...args], {
      env: {
        ...process.env,
        OPENAI_API_KEY: '',
        GROQ_API_KEY: '',
        SWITCHYARD_SIMULATOR_DELAY_MS: '0',
        SWITCHYARD_ADMIN_KEY: adminKey,
      },
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`gateway did not start: ${output}`)), 15_000);
    child.stdout?.on('data', (data: Buffer) => {
      output += data.toString();
      if (output.includes('First start') ? /sy_\w+/.test(output.split('First start')[1] ?? '') : false) {
        clearTimeout(timer);
        resolve({ child, output: () => output });
      }
    });
    child.stderr?.on('data', (data: Buffer) => {
      output += data.toString();
    });
    child.once('exit', (code) => reject(new Error(`gateway exited ${code}: ${output}`)));
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

beforeAll(async () => {
  const port = await freePort();
  const started = await startGatewayProcess(['--port', String(port), '--data-dir', dataDir]);
  gateway = started.child;
  const output = started.output();
  url = `http://127.0.0.1:${port}`;
  initialKey = /(sy_[A-Za-z0-9]+_[A-Za-z0-9]+)/.exec(output.split('First start')[1] ?? '')?.[1] ?? '';
  expect(output).toContain('DEMO MODE');
  expect(output).toContain(`listening on ${url}`);
}, 30_000);

afterAll(async () => {
  if (gateway && gateway.exitCode === null) {
    gateway.kill('SIGTERM');
    await exited(gateway);
  }
  rmSync(dataDir, { recursive: true, force: true });
});

const hello = [{ role: 'user' as const, content: 'hello' }];
const client = (key: string) => new OpenAI({ apiKey: key, baseURL: `${url}/v1`, maxRetries: 0 });

describe('the switchyard command', () => {
  it('start (demo mode) prints a key once and answers with it', async () => {
    const answer = await client(initialKey).chat.completions.create({ model: 'demo', messages: hello });
    expect(answer.choices[0]?.message.content).toMatch(/^Simulated reply/);
  });

  it('keys create through the admin API gives a key that works within a second; list shows hints only; revoke refuses it within a second', async () => {
    const created = await runCli([
      'keys',
      'create',
      '--name',
      'cli-app',
      '--models',
      'demo,demo-fast',
      '--json',
      ...online(),
    ]);
    const { key, id } = JSON.parse(created.stdout) as { key: string; id: string };
    expect(key).toMatch(/^sy_[A-Za-z0-9]{12}_[A-Za-z0-9]{40}$/);
    const createdAt = Date.now();
    let answered = false;
    while (!answered && Date.now() - createdAt < 2000) {
      try {
        await client(key).chat.completions.create({ model: 'demo', messages: hello });
        answered = true;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    expect(answered).toBe(true);
    expect(Date.now() - createdAt).toBeLessThan(1000);
    await expect(
      client(key).chat.completions.create({ model: 'demo-smart', messages: hello }),
    ).rejects.toMatchObject({ status: 403 });

    const listed = await runCli(['keys', 'list', ...online()]);
    expect(listed.stdout).toContain(id);
    expect(listed.stdout).toContain('cli-app');
    expect(listed.stdout).not.toContain(key);

    await runCli(['keys', 'revoke', id, ...online()]);
    const revokedAt = Date.now();
    let refused = false;
    while (!refused && Date.now() - revokedAt < 2000) {
      try {
        await client(key).chat.completions.create({ model: 'demo', messages: hello });
        await new Promise((resolve) => setTimeout(resolve, 50));
      } catch (error) {
        refused = (error as { status?: number }).status === 401;
      }
    }
    expect(refused).toBe(true);
    expect(Date.now() - revokedAt).toBeLessThan(1000);
  });

  it('--offline runs the admin API over the store directly, and the running gateway picks the change up', async () => {
    const offline = ['--offline', '--data-dir', dataDir];
    await runCli(['teams', 'create', 'ops', ...offline]);
    const created = await runCli([
      'keys',
      'create',
      '--name',
      'offline',
      '--team',
      'ops',
      '--json',
      ...offline,
    ]);
    const { key, id } = JSON.parse(created.stdout) as { key: string; id: string };
    expect(await waitForStatus(key, 200)).toBeLessThan(1000);
    await runCli(['keys', 'revoke', key, ...offline]);
    expect(await waitForStatus(key, 401)).toBeLessThan(1000);
    const listed = await runCli(['keys', 'list', '--all', '--team', 'ops', '--json', ...offline]);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ id, status: 'revoked', team_id: 'ops' }),
    ]);
  });

  it('keys rotate keeps the old key for the grace period; teams, plans and usage go through the admin API', async () => {
    expect(
      (await runCli(['teams', 'create', 'search', '--name', 'Search', '--rpm', '600', ...online()])).stdout,
    ).toBe('created team search\n');
    await runCli([
      'plans',
      'create',
      'starter',
      '--budget-usd',
      '25',
      '--budget-period',
      'month',
      ...online(),
    ]);
    const created = await runCli([
      'keys',
      'create',
      '--name',
      'rotating',
      '--team',
      'search',
      '--plan',
      'starter',
      '--tpm',
      '5000',
      '--json',
      ...online(),
    ]);
    const old = JSON.parse(created.stdout) as { key: string; id: string };
    const rotated = await runCli(['keys', 'rotate', old.key, '--grace-seconds', '1', '--json', ...online()]);
    const fresh = JSON.parse(rotated.stdout) as { key: string; id: string; replaces: string };
    expect(fresh.replaces).toBe(old.id);
    await client(fresh.key).chat.completions.create({ model: 'demo', messages: hello, user: 'u1' });
    await waitForStatus(old.key, 200);
    expect(await waitForStatus(old.key, 401)).toBeLessThan(2000);
    const listed = await runCli(['keys', 'list', '--team', 'search', ...online()]);
    expect(listed.stdout).toContain(`${fresh.id}  `);
    expect(listed.stdout).toContain('plan=starter');
    // The row is written behind; poll until usage shows it.
    for (let attempt = 0; ; attempt++) {
      const usage = JSON.parse(
        (await runCli(['usage', '--group-by', 'team,end_user', '--team', 'search', '--json', ...online()]))
          .stdout,
      ) as { data: Array<{ group: Record<string, string>; requests: number }> };
      if (usage.data.length > 0) {
        expect(usage.data).toEqual([
          expect.objectContaining({ group: { team: 'search', end_user: 'u1' }, requests: 1 }),
        ]);
        break;
      }
      if (attempt > 40) throw new Error('usage never showed the request');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  it('keys without an admin key says how to get one', async () => {
    const missing = await runCli(['keys', 'list', '--url', url]).catch((error: { stderr: string }) => error);
    expect((missing as { stderr: string }).stderr).toContain('pass --admin-key or set SWITCHYARD_ADMIN_KEY');
  });

  it('config check prints every error with its path and exits non-zero', async () => {
    const file = path.join(dataDir, 'broken.yaml');
    writeFileSync(
      file,
      'providers:\n  openai: { type: openai, apiKey: x }\nmodels:\n  fast:\n    targets:\n      - { provider: openai, model: a }\n      - { provider: opnai, model: b }\n',
    );
    const failure = await run(process.execPath, [cli, 'config', 'check', '--config', file]).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect((failure as { code: number }).code).toBe(1);
    expect((failure as { stderr: string }).stderr).toContain(
      'models.fast.targets[1].provider: unknown provider "opnai"',
    );
    const good = path.join(dataDir, 'good.yaml');
    writeFileSync(good, 'providers:\n  openai: { type: openai, apiKey: x }\n');
    const ok = await run(process.execPath, [cli, 'config', 'check', '--config', good]);
    expect(ok.stdout).toContain('configuration OK');
    expect(ok.stdout).not.toContain(' x\n');
  });

  it('SIGTERM finishes in-flight work and writes every request log row before exiting', async () => {
    const sent = await client(initialKey)
      .chat.completions.create({ model: 'demo', messages: hello })
      .withResponse();
    const id = sent.response.headers.get('x-switchyard-request-id') as string;
    gateway.kill('SIGTERM');
    expect(await exited(gateway)).toBe(0);
    const store = await openStore({ dataDir });
    const row = await store.requestLog.findById(id);
    await store.close();
    expect(row?.outcome).toBe('success');
  });
});
