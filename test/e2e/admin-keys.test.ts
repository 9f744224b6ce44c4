import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminErrorBody, startTestGateway, type TestGateway } from '../support/gateway.js';

interface KeyJson {
  id: string;
  object: string;
  name: string;
  key_hint: string;
  status: 'active' | 'expired' | 'revoked';
  allowed_models: string[] | null;
  metadata: Record<string, string> | null;
  team_id: string | null;
  plan_id: string | null;
  policy: Record<string, unknown> | null;
  expires_at: string | null;
  revoked_at: string | null;
  replaced_by: string | null;
}
interface CreatedKeyJson extends KeyJson {
  key: string;
}
interface ListJson<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  next_cursor: string | null;
}

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway();
});

afterAll(async () => {
  await gateway.stop();
});

/** Polls a credential until the gateway answers with `status`, failing after `withinMs`. */
async function expectStatusWithin(key: string, status: number, withinMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const response = await fetch(`${gateway.url}/v1/models`, { headers: { authorization: `Bearer ${key}` } });
    await response.arrayBuffer();
    const elapsed = Date.now() - started;
    if (response.status === status) return elapsed;
    if (elapsed > withinMs)
      throw new Error(`still ${response.status} after ${elapsed} ms (wanted ${status})`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('admin API: keys', () => {
  it('creates a key whose secret is shown once and works at once', async () => {
    const created = await gateway.admin<CreatedKeyJson>('POST', '/admin/v1/keys', {
      name: 'search app',
      allowed_models: ['chat'],
      metadata: { owner: 'ana' },
    });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^sy_[0-9A-Za-z]{12}_[0-9A-Za-z]{40}$/);
    expect(created.body).toMatchObject({ object: 'virtual_key', name: 'search app', status: 'active' });
    expect(created.body.allowed_models).toEqual(['chat']);
    const reply = await gateway.client({ key: created.body.key }).chat.completions.create({
      model: 'chat',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(reply.choices[0]?.message.content).toBeTruthy();
    const fetched = await gateway.admin<KeyJson & { key?: string }>(
      'GET',
      `/admin/v1/keys/${created.body.id}`,
    );
    expect(fetched.status).toBe(200);
    expect(fetched.body.key).toBeUndefined();
    expect(fetched.body.key_hint).toBe(created.body.key_hint);
  });

  it('refuses calls without the admin key, with a virtual key, or with a wrong one', async () => {
    const missing = await gateway.admin('GET', '/admin/v1/keys', undefined, { key: null });
    expect(missing.status).toBe(401);
    expect(missing.body.error.type).toBe('authentication_error');
    const virtual = await gateway.admin('GET', '/admin/v1/keys', undefined, { key: gateway.key });
    expect(virtual.status).toBe(401);
    expect(virtual.body.error.message).toContain('virtual keys are not admin keys');
    const wrong = await gateway.admin('GET', '/admin/v1/keys', undefined, {
      key: 'not-the-admin-key-at-all',
    });
    expect(wrong.status).toBe(401);
  });

  it('names the field zod rejected, and refuses unknown fields', async () => {
    const bad = await gateway.admin('POST', '/admin/v1/keys', { name: 'x', allowed_models: 'chat' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ type: 'invalid_request_error', param: 'allowed_models' });
    const unknown = await gateway.admin('POST', '/admin/v1/keys', { name: 'x', colour: 'red' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.param).toBe('colour');
    const nested = await gateway.admin('POST', '/admin/v1/keys', {
      name: 'x',
      policy: { limits: { rpm: -1 } },
    });
    expect(nested.status).toBe(400);
    expect(nested.body.error.param).toBe('policy.limits.rpm');
    const missingTeam = await gateway.admin('POST', '/admin/v1/keys', { name: 'x', team_id: 'nobody' });
    expect(missingTeam.status).toBe(400);
    expect(missingTeam.body.error.param).toBe('team_id');
  });

  it('answers 404 for unknown keys and paths, 405 for a wrong method, 413 for a huge body', async () => {
    expect((await gateway.admin('GET', '/admin/v1/keys/AAAAAAAAAAAA')).status).toBe(404);
    const path = await gateway.admin('GET', '/admin/v1/nothing');
    expect(path.status).toBe(404);
    expect(path.body.error.type).toBe('not_found_error');
    const method = await gateway.admin('PUT', '/admin/v1/keys', {});
    expect(method.status).toBe(405);
    expect(method.headers.get('allow')).toBe('POST, GET');
    const huge = await gateway.admin('POST', '/admin/v1/keys', { name: 'x'.repeat(70_000) });
    expect(huge.status).toBe(413);
    const notJson = await fetch(`${gateway.url}/admin/v1/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gateway.adminKey}`, 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as AdminErrorBody).error.type).toBe('invalid_request_error');
  });

  it('lists keys page by page, each exactly once', async () => {
    for (let index = 0; index < 5; index++) {
      expect((await gateway.admin('POST', '/admin/v1/keys', { name: `page ${index}` })).status).toBe(201);
    }
    const all = await gateway.admin<ListJson<KeyJson>>('GET', '/admin/v1/keys?limit=1000');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const page: { body: ListJson<KeyJson> } = await gateway.admin<ListJson<KeyJson>>(
        'GET',
        `/admin/v1/keys?limit=2${query}`,
      );
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((key) => key.id));
      cursor = page.body.next_cursor;
    } while (cursor !== null);
    expect(seen).toEqual(all.body.data.map((key) => key.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(6);
  });

  it('patches allowed models, metadata and expiry; null clears', async () => {
    const created = await gateway.admin<CreatedKeyJson>('POST', '/admin/v1/keys', { name: 'patch me' });
    const patched = await gateway.admin<KeyJson>('PATCH', `/admin/v1/keys/${created.body.id}`, {
      allowed_models: ['smart'],
      metadata: { tier: 'gold' },
      policy: { limits: { rpm: 60 } },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ allowed_models: ['smart'], metadata: { tier: 'gold' } });
    expect(patched.body.policy).toEqual({ limits: { rpm: 60 } });
    // The change reaches the key cache: `chat` is no longer allowed.
    const refused = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${created.body.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(refused.status).toBe(403);
    const cleared = await gateway.admin<KeyJson>('PATCH', `/admin/v1/keys/${created.body.id}`, {
      allowed_models: null,
      policy: null,
    });
    expect(cleared.body.allowed_models).toBeNull();
    expect(cleared.body.policy).toBeNull();
    expect(cleared.body.metadata).toEqual({ tier: 'gold' });
    const past = await gateway.admin('PATCH', `/admin/v1/keys/${created.body.id}`, { expires_at: 1000 });
    expect(past.status).toBe(400);
    expect(past.body.error.param).toBe('expires_at');
  });

  it('refuses a revoked key within a second, and revoking twice is harmless', async () => {
    const created = await gateway.admin<CreatedKeyJson>('POST', '/admin/v1/keys', { name: 'to revoke' });
    await expectStatusWithin(created.body.key, 200, 1000);
    const revoked = await gateway.admin('DELETE', `/admin/v1/keys/${created.body.id}`);
    expect(revoked.status).toBe(200);
    expect(await expectStatusWithin(created.body.key, 401, 1000)).toBeLessThan(1000);
    expect((await gateway.admin('DELETE', `/admin/v1/keys/${created.body.id}`)).status).toBe(200);
    const shown = await gateway.admin<KeyJson>('GET', `/admin/v1/keys/${created.body.id}`);
    expect(shown.body.status).toBe('revoked');
    const patch = await gateway.admin('PATCH', `/admin/v1/keys/${created.body.id}`, { name: 'again' });
    expect(patch.status).toBe(404);
  });

  it('refuses an expired key within a second of its expiry', async () => {
    const expiresAt = Date.now() + 1200;
    const created = await gateway.admin<CreatedKeyJson>('POST', '/admin/v1/keys', {
      name: 'short lived',
      expires_at: new Date(expiresAt).toISOString(),
    });
    expect(created.status).toBe(201);
    await expectStatusWithin(created.body.key, 200, 500);
    await expectStatusWithin(created.body.key, 401, 2000);
    expect(Date.now() - expiresAt).toBeLessThan(1000);
  });

  it('rotates: both keys work during the grace period, the old one is refused within a second after', async () => {
    const created = await gateway.admin<CreatedKeyJson>('POST', '/admin/v1/keys', {
      name: 'rotating',
      allowed_models: ['chat', 'smart'],
      metadata: { owner: 'ops' },
    });
    const rotated = await gateway.admin<CreatedKeyJson & { replaces: KeyJson }>(
      'POST',
      `/admin/v1/keys/${created.body.id}/rotate`,
      { grace_seconds: 1 },
    );
    expect(rotated.status).toBe(201);
    const graceEnds = Date.parse(rotated.body.replaces.expires_at ?? '');
    expect(rotated.body.id).not.toBe(created.body.id);
    expect(rotated.body).toMatchObject({ name: 'rotating', allowed_models: ['chat', 'smart'] });
    expect(rotated.body.metadata).toEqual({ owner: 'ops' });
    expect(rotated.body.replaces.replaced_by).toBe(rotated.body.id);
    await expectStatusWithin(created.body.key, 200, 100);
    await expectStatusWithin(rotated.body.key, 200, 100);
    await expectStatusWithin(created.body.key, 401, 2500);
    expect(Date.now() - graceEnds).toBeLessThan(1000);
    await expectStatusWithin(rotated.body.key, 200, 100);
  });

  it('rotates with no grace: the old key is refused at once', async () => {
    const created = await gateway.admin<CreatedKeyJson>('POST', '/admin/v1/keys', { name: 'now' });
    const rotated = await gateway.admin<CreatedKeyJson>('POST', `/admin/v1/keys/${created.body.id}/rotate`, {
      grace_seconds: 0,
    });
    expect(rotated.status).toBe(201);
    await expectStatusWithin(created.body.key, 401, 300);
    await expectStatusWithin(rotated.body.key, 200, 300);
    // A key already replaced cannot be rotated again (two live successors); its replacement can.
    const again = await gateway.admin('POST', `/admin/v1/keys/${created.body.id}/rotate`);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain(rotated.body.id);
  });
});
