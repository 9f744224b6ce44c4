import type { Command } from 'commander';
import { parseVirtualKey } from '../../auth/index.js';
import type { AdminClient } from '../admin-client.js';
import { type AdminSessionOptions, addAdminFlags, withAdminClient } from '../admin-session.js';
import { addPolicyFlags, type PolicyFlags, policyFromFlags } from '../policy-flags.js';

interface KeyCommandOptions extends AdminSessionOptions {
  json?: boolean;
}

/** A key as the admin API shows it (the fields the CLI prints). */
interface KeyView {
  id: string;
  key_hint: string;
  name: string;
  status: string;
  allowed_models: string[] | null;
  team_id: string | null;
  plan_id: string | null;
  expires_at: string | null;
}

type CreatedKey = KeyView & { key: string };

/**
 * `switchyard keys create|list|rotate|revoke`: through the admin API of a running gateway, or with
 * `--offline` the same API in-process over the store (works before the first start).
 */
export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('Manage virtual API keys (stored hashed; shown once)');

  addPolicyFlags(
    addAdminFlags(
      keys
        .command('create')
        .description('Create a key and print it once')
        .option('--name <name>', 'a label for the key', 'default')
        .option(
          '--models <list>',
          'comma-separated models this key may use (default: all); `openai/*` allows a provider',
        )
        .option('--expires-in-days <days>', 'expire the key after this many days')
        .option('--routing-headers <list>', 'routing headers this key may use: mode, force or mode,force')
        .option('--team <id>', 'the team the key belongs to')
        .option('--plan <id>', 'the plan (bundle of limits) the key is on'),
    ),
  ).action(
    async (
      options: KeyCommandOptions &
        PolicyFlags & {
          name: string;
          models?: string;
          expiresInDays?: string;
          routingHeaders?: string;
          team?: string;
          plan?: string;
        },
    ) => {
      const days = options.expiresInDays === undefined ? undefined : Number(options.expiresInDays);
      if (days !== undefined && !(days > 0))
        throw new Error(`--expires-in-days must be a positive number, got '${options.expiresInDays}'`);
      const headers = parseRoutingHeaders(options.routingHeaders);
      const body = {
        name: options.name,
        allowed_models: options.models ? splitList(options.models) : null,
        expires_at: days === undefined ? null : Date.now() + Math.round(days * 86_400_000),
        metadata: headers === undefined ? null : { routing_headers: headers },
        team_id: options.team ?? null,
        plan_id: options.plan ?? null,
        policy: policyFromFlags(options) ?? null,
      };
      const created = await withAdminClient(options, (client) =>
        client.request<CreatedKey>('POST', '/admin/v1/keys', body),
      );
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ key: created.key, id: created.id, name: created.name })}\n`);
        return;
      }
      process.stdout.write(`${created.key}\n`);
      process.stderr.write(`Created key ${created.id} (${created.name}). It is shown once: store it now.\n`);
    },
  );

  addAdminFlags(
    keys
      .command('list')
      .description('List keys (hints only, never secrets)')
      .option('--team <id>', 'only keys of this team')
      .option('--all', 'include revoked keys'),
  ).action(async (options: KeyCommandOptions & { team?: string; all?: boolean }) => {
    const listed = await withAdminClient(options, (client) =>
      listAll(client, options.team, options.all === true),
    );
    if (options.json) {
      process.stdout.write(`${JSON.stringify(listed)}\n`);
      return;
    }
    if (listed.length === 0) process.stdout.write('no keys\n');
    for (const key of listed) {
      const models = key.allowed_models === null ? '*' : key.allowed_models.join(',');
      const team = key.team_id === null ? '' : `  team=${key.team_id}`;
      const plan = key.plan_id === null ? '' : `  plan=${key.plan_id}`;
      process.stdout.write(
        `${key.id}  ${key.key_hint}  ${key.status.padEnd(8)}  ${key.name}  models=${models}${team}${plan}\n`,
      );
    }
  });

  addAdminFlags(
    keys
      .command('rotate <key>')
      .description('Issue a replacement key with the same settings; the old one works for the grace period')
      .option('--grace-seconds <n>', 'how long the old key keeps working (0 = stop at once)', '86400'),
  ).action(async (key: string, options: KeyCommandOptions & { graceSeconds: string }) => {
    const grace = Number(options.graceSeconds);
    if (!Number.isInteger(grace) || grace < 0)
      throw new Error(`--grace-seconds must be a whole number >= 0, got '${options.graceSeconds}'`);
    const rotated = await withAdminClient(options, (client) =>
      client.request<CreatedKey & { replaces: KeyView }>('POST', `/admin/v1/keys/${keyPath(key)}/rotate`, {
        grace_seconds: grace,
      }),
    );
    if (options.json) {
      const summary = {
        key: rotated.key,
        id: rotated.id,
        replaces: rotated.replaces.id,
        old_expires_at: rotated.replaces.expires_at,
      };
      process.stdout.write(`${JSON.stringify(summary)}\n`);
      return;
    }
    process.stdout.write(`${rotated.key}\n`);
    process.stderr.write(
      `Key ${rotated.replaces.id} is replaced by ${rotated.id}; the old key stops working at ${rotated.replaces.expires_at}. The new key is shown once.\n`,
    );
  });

  addAdminFlags(
    keys
      .command('revoke <key>')
      .description('Revoke a key by id, hint or full key (takes effect within a second)'),
  ).action(async (key: string, options: KeyCommandOptions) => {
    const revoked = await withAdminClient(options, (client) =>
      client.request<{ id: string }>('DELETE', `/admin/v1/keys/${keyPath(key)}`),
    );
    process.stdout.write(
      options.json ? `${JSON.stringify({ id: revoked.id, revoked: true })}\n` : `revoked ${revoked.id}\n`,
    );
  });
}

async function listAll(client: AdminClient, team: string | undefined, all: boolean): Promise<KeyView[]> {
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
}

/** A full key is reduced to its lookup id here, so the secret never travels in a URL. */
function keyPath(key: string): string {
  return encodeURIComponent(parseVirtualKey(key.trim())?.lookupId ?? key.trim());
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

/** `mode`, `force` or both; anything else is refused so a typo does not silently grant nothing. */
function parseRoutingHeaders(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const parts = splitList(value);
  for (const part of parts) {
    if (part !== 'mode' && part !== 'force')
      throw new Error(`--routing-headers takes mode, force or mode,force; got '${part}'`);
  }
  return parts.join(',');
}
