import { createKeyService, type KeyService, parseVirtualKey } from '../auth/index.js';
import type { PolicyDocument } from '../governance/policy.js';
import type { KeyRecord } from '../store/index.js';
import { openStore, type Store } from '../store/index.js';
import { type AdminTargetOptions, createAdminClient, resolveAdminTarget } from './admin-client.js';
import { resolveDataDir } from './options.js';

export interface KeyCommandOptions extends AdminTargetOptions {
  dataDir?: string;
  offline?: boolean;
  json?: boolean;
}

/** A key as the admin API shows it (the fields the CLI prints). */
export interface KeyView {
  id: string;
  key_hint: string;
  name: string;
  status: string;
  allowed_models: string[] | null;
  team_id: string | null;
  plan_id: string | null;
  created_at: string;
  expires_at: string | null;
  replaced_by: string | null;
}

export interface CreateInput {
  name: string;
  allowed_models: string[] | null;
  expires_at: number | null;
  metadata: Record<string, string> | null;
  team_id: string | null;
  plan_id: string | null;
  policy: PolicyDocument | null;
}

/**
 * Key management. By default through the admin API of a running gateway (`--url`, `--admin-key`);
 * `--offline` writes the store directly instead, which works before the first start.
 */
interface KeyBackend {
  create(input: CreateInput): Promise<KeyView & { key: string }>;
  list(options: { team?: string; all: boolean }): Promise<KeyView[]>;
  rotate(key: string, graceSeconds: number): Promise<KeyView & { key: string; replaces: KeyView }>;
  revoke(key: string): Promise<{ id: string }>;
}

export async function withBackend<T>(
  options: KeyCommandOptions,
  action: (backend: KeyBackend) => Promise<T>,
): Promise<T> {
  if (!options.offline) {
    if (options.dataDir !== undefined) throw new Error('--data-dir is only used with --offline');
    return action(onlineBackend(options));
  }
  const store = await openStore({ dataDir: resolveDataDir(options.dataDir) });
  try {
    return await action(offlineBackend(store));
  } finally {
    await store.close();
  }
}

function onlineBackend(options: KeyCommandOptions): KeyBackend {
  const client = createAdminClient(resolveAdminTarget(options));
  return {
    create: (input) => client.request('POST', '/admin/v1/keys', input),
    async list({ team, all }) {
      const keys: KeyView[] = [];
      let cursor: string | null = null;
      do {
        const query = new URLSearchParams({ limit: '1000', include_revoked: String(all) });
        if (team !== undefined) query.set('team_id', team);
        if (cursor !== null) query.set('cursor', cursor);
        const page: { data: KeyView[]; next_cursor: string | null } = await client.request(
          'GET',
          `/admin/v1/keys?${query}`,
        );
        keys.push(...page.data);
        cursor = page.next_cursor;
      } while (cursor !== null);
      return keys;
    },
    rotate: (key, graceSeconds) =>
      client.request('POST', `/admin/v1/keys/${keyPath(key)}/rotate`, {
        grace_seconds: graceSeconds,
      }),
    revoke: (key) => client.request('DELETE', `/admin/v1/keys/${keyPath(key)}`),
  };
}

function offlineBackend(store: Store): KeyBackend {
  const service: KeyService = createKeyService(store.keys);
  const requireReference = async (kind: 'team' | 'plan', id: string | null) => {
    if (id === null) return;
    const found = kind === 'team' ? await store.teams.findById(id) : await store.plans.findById(id);
    if (found === undefined || found.deletedAt !== null) throw new Error(`no ${kind} with id '${id}'`);
  };
  return {
    async create(input) {
      await requireReference('team', input.team_id);
      await requireReference('plan', input.plan_id);
      const created = await service.create({
        name: input.name,
        allowedModels: input.allowed_models,
        expiresAt: input.expires_at,
        metadata: input.metadata,
        teamId: input.team_id,
        planId: input.plan_id,
        policy: input.policy,
      });
      return { ...view(created.record), key: created.key };
    },
    async list({ team, all }) {
      const records = await service.list();
      return records
        .filter(
          (record) => (all || record.revokedAt === null) && (team === undefined || record.teamId === team),
        )
        .map(view);
    },
    async rotate(key, graceSeconds) {
      const { created, old } = await service.rotate(key, graceSeconds * 1000);
      return { ...view(created.record), key: created.key, replaces: view(old) };
    },
    revoke: (key) => service.revoke(key),
  };
}

/** A full key is reduced to its lookup id here, so the secret never travels in a URL. */
function keyPath(key: string): string {
  return encodeURIComponent(parseVirtualKey(key.trim())?.lookupId ?? key.trim());
}

function view(record: KeyRecord): KeyView {
  const status =
    record.revokedAt !== null
      ? 'revoked'
      : record.expiresAt !== null && record.expiresAt <= Date.now()
        ? 'expired'
        : 'active';
  return {
    id: record.id,
    key_hint: record.keyHint,
    name: record.name,
    status,
    allowed_models: record.allowedModels,
    team_id: record.teamId,
    plan_id: record.planId,
    created_at: new Date(record.createdAt).toISOString(),
    expires_at: record.expiresAt === null ? null : new Date(record.expiresAt).toISOString(),
    replaced_by: record.replacedBy,
  };
}
