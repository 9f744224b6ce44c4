import type { Command } from 'commander';
import { type CreateInput, type KeyCommandOptions, withBackend } from '../key-backends.js';
import { addPolicyFlags, type PolicyFlags, policyFromFlags } from '../policy-flags.js';

/** `switchyard keys create|list|rotate|revoke`. */
export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('Manage virtual API keys (stored hashed; shown once)');
  const target = (command: Command) =>
    command
      .option(
        '--url <url>',
        'gateway URL (or SWITCHYARD_URL; default from the configuration, else http://127.0.0.1:8080)',
      )
      .option('--admin-key <key>', 'admin key (or SWITCHYARD_ADMIN_KEY)')
      .option('--config <path>', 'configuration file to read server.host/port and admin.key from')
      .option('--offline', 'write the store directly instead of calling a running gateway')
      .option('--data-dir <path>', 'with --offline: data folder (or SWITCHYARD_DATA_DIR)')
      .option('--json', 'print JSON');

  addPolicyFlags(
    target(
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
      const input: CreateInput = {
        name: options.name,
        allowed_models: options.models ? splitList(options.models) : null,
        expires_at: days === undefined ? null : Date.now() + Math.round(days * 86_400_000),
        metadata: headers === undefined ? null : { routing_headers: headers },
        team_id: options.team ?? null,
        plan_id: options.plan ?? null,
        policy: policyFromFlags(options) ?? null,
      };
      const created = await withBackend(options, (backend) => backend.create(input));
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ key: created.key, id: created.id, name: created.name })}\n`);
        return;
      }
      process.stdout.write(`${created.key}\n`);
      process.stderr.write(`Created key ${created.id} (${created.name}). It is shown once: store it now.\n`);
    },
  );

  target(
    keys
      .command('list')
      .description('List keys (hints only, never secrets)')
      .option('--team <id>', 'only keys of this team')
      .option('--all', 'include revoked keys'),
  ).action(async (options: KeyCommandOptions & { team?: string; all?: boolean }) => {
    const listed = await withBackend(options, (backend) =>
      backend.list({
        ...(options.team === undefined ? {} : { team: options.team }),
        all: options.all === true,
      }),
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

  target(
    keys
      .command('rotate <key>')
      .description('Issue a replacement key with the same settings; the old one works for the grace period')
      .option('--grace-seconds <n>', 'how long the old key keeps working (0 = stop at once)', '86400'),
  ).action(async (key: string, options: KeyCommandOptions & { graceSeconds: string }) => {
    const grace = Number(options.graceSeconds);
    if (!Number.isInteger(grace) || grace < 0)
      throw new Error(`--grace-seconds must be a whole number >= 0, got '${options.graceSeconds}'`);
    const rotated = await withBackend(options, (backend) => backend.rotate(key, grace));
    if (options.json) {
      process.stdout.write(
        `${JSON.stringify({ key: rotated.key, id: rotated.id, replaces: rotated.replaces.id, old_expires_at: rotated.replaces.expires_at })}\n`,
      );
      return;
    }
    process.stdout.write(`${rotated.key}\n`);
    process.stderr.write(
      `Key ${rotated.replaces.id} is replaced by ${rotated.id}; the old key stops working at ${rotated.replaces.expires_at}. The new key is shown once.\n`,
    );
  });

  target(
    keys
      .command('revoke <key>')
      .description('Revoke a key by id, hint or full key (takes effect within a second)'),
  ).action(async (key: string, options: KeyCommandOptions) => {
    const revoked = await withBackend(options, (backend) => backend.revoke(key));
    process.stdout.write(
      options.json ? `${JSON.stringify({ id: revoked.id, revoked: true })}\n` : `revoked ${revoked.id}\n`,
    );
  });
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
