import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyService } from '../../auth/index.js';
import { GatewayError } from '../../canon/index.js';
import { Secret } from '../../config/index.js';
import type {
  CreditAccountRef,
  CreditBalance,
  CreditsAdmin,
  LedgerKind,
  LedgerRow,
} from '../../governance/credits-api.js';
import { openStore, type Store } from '../../store/index.js';
import { createLogger } from '../../telemetry/logger.js';
import type { AdminDependencies } from './admin-dependencies.js';
import { buildAdminRoutes, createAdminHandler } from './create-admin-handler.js';
import { openApiPath } from './openapi.js';
import { matchPath } from './route-spec.js';

/** A small in-memory ledger, enough to drive the credits routes (the real one lives in governance). */
function memoryCredits(): CreditsAdmin {
  const rows: LedgerRow[] = [];
  let sequence = 0;
  const name = (ref: CreditAccountRef) => `${ref.tenant}/${ref.endUser}`;
  const balance = (ref: CreditAccountRef): CreditBalance => {
    const available = rows
      .filter((row) => row.account === name(ref))
      .reduce((sum, row) => sum + row.amountMicros, 0);
    return {
      tenant: ref.tenant,
      endUser: ref.endUser,
      availableMicros: available,
      heldMicros: 0,
      spentMicros: 0,
    };
  };
  const add = (ref: CreditAccountRef, amount: number, kind: LedgerKind, note: string | null) => {
    sequence += 1;
    rows.push({
      id: `row${String(sequence).padStart(4, '0')}`,
      entryId: `entry${sequence}`,
      account: name(ref),
      amountMicros: amount,
      kind,
      requestId: null,
      note,
      createdAt: 1_700_000_000_000 + sequence,
    });
    return balance(ref);
  };
  return {
    topUp: async (ref, amount, note) => add(ref, amount, 'topup', note),
    async adjust(ref, amount, note) {
      if (balance(ref).availableMicros + amount < 0) {
        throw new GatewayError('invalid_request', 'an adjustment may not take a balance below zero', {
          status: 409,
        });
      }
      return add(ref, amount, 'adjust', note);
    },
    balance: async (ref) => balance(ref),
    async ledger(ref, page) {
      const own = rows.filter((row) => row.account === name(ref)).reverse();
      const start = page.before === undefined ? 0 : own.findIndex((row) => row.id === page.before) + 1;
      return own.slice(start, start + page.limit);
    },
  };
}

const adminKey = 'unit-admin-key-0123456789';

interface Harness {
  url: string;
  deps: AdminDependencies;
  store: Store;
  server: Server;
  directory: string;
  call(
    method: string,
    route: string,
    body?: unknown,
    key?: string | null,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
}

async function startHarness(
  options: { adminKey?: string; credits?: CreditsAdmin; logLines?: string[] } = {},
): Promise<Harness> {
  const directory = mkdtempSync(path.join(tmpdir(), 'switchyard-admin-'));
  const store = await openStore({ dataDir: directory });
  const deps: AdminDependencies = {
    adminKey: options.adminKey === undefined ? undefined : new Secret(options.adminKey),
    keys: createKeyService(store.keys),
    keyRepository: store.keys,
    teams: store.teams,
    plans: store.plans,
    usage: store.usage,
    credits: options.credits,
    onKeysChanged: async () => undefined,
    onPoliciesChanged: async () => undefined,
    maxBodyBytes: 4096,
  };
  const lines = options.logLines;
  const logger =
    lines === undefined
      ? createLogger('silent')
      : createLogger('info', { write: (line: string) => void lines.push(line) });
  const handler = createAdminHandler(deps, logger);
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    void handler(request, response, url.searchParams, url.pathname);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    deps,
    store,
    server,
    directory,
    async call(method, route, body, key = options.adminKey) {
      const response = await fetch(`${url}${route}`, {
        method,
        headers: {
          ...(key == null ? {} : { authorization: `Bearer ${key}` }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
    },
  };
}

async function stopHarness(harness: Harness): Promise<void> {
  await new Promise((resolve) => harness.server.close(resolve));
  await harness.store.close();
  rmSync(harness.directory, { recursive: true, force: true });
}

describe('admin API credits routes', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ adminKey, credits: memoryCredits() });
  });
  afterAll(() => stopHarness(harness));

  it('tops up in USD or micros, adjusts, reads the balance and pages the ledger', async () => {
    const usd = await harness.call('POST', '/admin/v1/credits/acme/user%201/topup', {
      usd: 2.5,
      note: 'welcome',
    });
    expect(usd.status).toBe(200);
    expect(usd.body).toMatchObject({
      object: 'credit_balance',
      tenant: 'acme',
      end_user: 'user 1',
      available_micros: 2_500_000,
      available_usd: '2.500000',
    });
    const micros = await harness.call('POST', '/admin/v1/credits/acme/user%201/topup', { micros: 1 });
    expect(micros.body.available_micros).toBe(2_500_001);
    const adjusted = await harness.call('POST', '/admin/v1/credits/acme/user%201/adjust', {
      micros: -500_001,
    });
    expect(adjusted.body.available_micros).toBe(2_000_000);
    const below = await harness.call('POST', '/admin/v1/credits/acme/user%201/adjust', { usd: -5 });
    expect(below.status).toBe(409);
    const balance = await harness.call('GET', '/admin/v1/credits/acme/user%201');
    expect(balance.body.available_micros).toBe(2_000_000);
    const first = await harness.call('GET', '/admin/v1/credits/acme/user%201/ledger?limit=2');
    const firstRows = first.body.data as Array<{ kind: string; amount_micros: number }>;
    expect(firstRows.map((row) => row.kind)).toEqual(['adjust', 'topup']);
    expect(first.body.has_more).toBe(true);
    const second = await harness.call(
      'GET',
      `/admin/v1/credits/acme/user%201/ledger?limit=2&cursor=${String(first.body.next_cursor)}`,
    );
    expect((second.body.data as Array<{ amount_micros: number }>).map((row) => row.amount_micros)).toEqual([
      2_500_000,
    ]);
    expect(second.body.next_cursor).toBeNull();
  });

  it('refuses an over-long tenant or user id from the path', async () => {
    const response = await harness.call('GET', `/admin/v1/credits/${'t'.repeat(300)}/u`);
    expect(response.status).toBe(400);
    expect((response.body.error as { param: string }).param).toBe('tenant');
  });

  it('refuses a top-up that is negative, zero, or given twice over', async () => {
    for (const body of [{ usd: -1 }, { micros: 0 }, { usd: 1, micros: 1 }, {}, { micros: 1.5 }]) {
      const response = await harness.call('POST', '/admin/v1/credits/acme/u/topup', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
  });
});

describe('admin API without credits or an admin key', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({});
  });
  afterAll(() => stopHarness(harness));

  it('refuses every call with a 403 saying how to enable it, but serves the OpenAPI document', async () => {
    const refused = await harness.call('GET', '/admin/v1/keys', undefined, 'anything-at-all-0123456');
    expect(refused.status).toBe(403);
    expect(String((refused.body.error as { message: string }).message)).toContain('SWITCHYARD_ADMIN_KEY');
    expect((await harness.call('GET', openApiPath, undefined, null)).status).toBe(200);
  });
});

describe('OpenAPI document', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ adminKey });
  });
  afterAll(() => stopHarness(harness));

  it('lists every admin route, and every documented operation is served', async () => {
    const response = await harness.call('GET', openApiPath, undefined, null);
    expect(response.status).toBe(200);
    const document = response.body as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(document.openapi).toBe('3.1.0');
    const documented = Object.entries(document.paths).flatMap(([route, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${route}`),
    );
    const routes = buildAdminRoutes(harness.deps).map((route) => `${route.method} ${route.path}`);
    expect(documented.sort()).toEqual(routes.sort());
    expect(routes).toContain('POST /admin/v1/keys/{id}/rotate');
    for (const operation of documented) {
      const [method, route] = operation.split(' ') as [string, string];
      const concrete = route.replace(/\{[a-z_]+\}/g, 'AAAAAAAAAAAA');
      const answer = await harness.call(
        method,
        concrete,
        method === 'GET' || method === 'DELETE' ? undefined : {},
      );
      // Served: anything but "no such route" (404 with an unknown-path message) or 405.
      const message = (answer.body.error as { message?: string } | undefined)?.message ?? '';
      expect(message, operation).not.toContain('Unknown admin path');
      expect(answer.status, operation).not.toBe(405);
    }
  });

  it('describes request bodies, query parameters and responses from the zod schemas', async () => {
    const response = await harness.call('GET', openApiPath, undefined, null);
    const paths = response.body.paths as Record<string, Record<string, Record<string, unknown>>>;
    const create = paths['/admin/v1/keys']?.post as {
      requestBody: { content: { 'application/json': { schema: { properties: Record<string, unknown> } } } };
      responses: Record<string, unknown>;
    };
    const bodyProperties = create.requestBody.content['application/json'].schema.properties;
    expect(Object.keys(bodyProperties)).toEqual(
      expect.arrayContaining(['name', 'allowed_models', 'expires_at', 'team_id', 'plan_id', 'policy']),
    );
    expect(create.responses['201']).toBeDefined();
    const usage = paths['/admin/v1/usage']?.get as { parameters: Array<{ name: string; in: string }> };
    expect(usage.parameters.map((parameter) => parameter.name)).toEqual(
      expect.arrayContaining(['group_by', 'from', 'to', 'team_id', 'end_user', 'limit', 'cursor']),
    );
    const rotate = paths['/admin/v1/keys/{id}/rotate']?.post as {
      parameters: Array<{ name: string; in: string; required: boolean }>;
      requestBody: { required: boolean };
    };
    expect(rotate.parameters).toContainEqual(
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
    );
    expect(rotate.requestBody.required).toBe(false);
  });
});

describe('responses match the documented schemas', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ adminKey, credits: memoryCredits() });
  });
  afterAll(() => stopHarness(harness));

  it('every success body parses with its route’s response schema', async () => {
    const routes = buildAdminRoutes(harness.deps);
    const checked = new Set<string>();
    const call = async (method: string, path: string, body?: unknown) => {
      const answer = await harness.call(method, path, body);
      expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
      const route = routes.find(
        (candidate) =>
          candidate.method === method && matchPath(candidate.path, path.split('?')[0] ?? '') !== undefined,
      );
      if (route === undefined) throw new Error(`no route for ${method} ${path}`);
      const parsed = route.response.safeParse(answer.body);
      expect(parsed.success, `${method} ${route.path}: ${parsed.error?.message}`).toBe(true);
      checked.add(`${method} ${route.path}`);
      return answer.body;
    };
    const policy = {
      limits: { rpm: 1 },
      end_user_budgets: [{ period: 'day', usd: 0.5 }],
      require_credits: true,
    };
    await call('POST', '/admin/v1/teams', { id: 'ops', name: 'Ops', policy, metadata: { a: 'b' } });
    await call('GET', '/admin/v1/teams');
    await call('GET', '/admin/v1/teams/ops');
    await call('PATCH', '/admin/v1/teams/ops', { name: 'Operations' });
    await call('POST', '/admin/v1/plans', { id: 'pro', name: 'Pro', policy });
    await call('GET', '/admin/v1/plans');
    await call('GET', '/admin/v1/plans/pro');
    await call('PATCH', '/admin/v1/plans/pro', { policy: null });
    const key = await call('POST', '/admin/v1/keys', {
      name: 'k',
      team_id: 'ops',
      plan_id: 'pro',
      policy,
      expires_at: '2099-01-01T00:00:00Z',
    });
    const id = String(key.id);
    await call('GET', '/admin/v1/keys?include_revoked=true');
    await call('GET', `/admin/v1/keys/${id}`);
    await call('PATCH', `/admin/v1/keys/${id}`, { metadata: { x: 'y' } });
    const rotated = await call('POST', `/admin/v1/keys/${id}/rotate`);
    await call('DELETE', `/admin/v1/keys/${String(rotated.id)}`);
    await call('DELETE', `/admin/v1/keys/${id}`);
    await call('DELETE', '/admin/v1/plans/pro');
    await call('DELETE', '/admin/v1/teams/ops');
    await call('GET', '/admin/v1/usage?group_by=day,team');
    await call('POST', '/admin/v1/credits/ops/u/topup', { usd: 1 });
    await call('POST', '/admin/v1/credits/ops/u/adjust', { usd: -0.25 });
    await call('GET', '/admin/v1/credits/ops/u');
    await call('GET', '/admin/v1/credits/ops/u/ledger');
    await call('GET', openApiPath);
    expect([...checked].sort()).toEqual(routes.map((route) => `${route.method} ${route.path}`).sort());
  });
});

describe('admin audit log', () => {
  const lines: string[] = [];
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ adminKey, logLines: lines });
  });
  afterAll(() => stopHarness(harness));

  it('logs method, path and status of each call, never bodies, secrets or a full key in the path', async () => {
    const created = await harness.call('POST', '/admin/v1/keys', {
      name: 'audited',
      metadata: { note: 'private' },
    });
    const key = String(created.body.key);
    await harness.call('DELETE', `/admin/v1/keys/${key}`);
    await harness.call('GET', '/admin/v1/keys', undefined, 'wrong-admin-key-0000');
    const text = lines.join('');
    expect(text).toContain('"method":"POST","path":"/admin/v1/keys","status":201');
    expect(text).toContain(`"path":"/admin/v1/keys/sy_${String(created.body.id)}_[redacted]","status":200`);
    expect(text).toContain('"status":401');
    expect(text).not.toContain(key.slice(16));
    expect(text).not.toContain('private');
    expect(text).not.toContain(adminKey);
    expect(text).not.toContain('wrong-admin-key');
  });
});
