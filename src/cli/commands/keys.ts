import type { Command } from 'commander';
import { createKeyService } from '../../auth/index.js';
import type { KeyRecord } from '../../store/index.js';
import { openStore } from '../../store/index.js';
import { resolveDataDir } from '../options.js';

interface KeyCommandOptions {
  dataDir?: string;
}

/** Opens the store beside a possibly running gateway (SQLite WAL allows it) and runs one key action. */
async function withKeyService<T>(
  options: KeyCommandOptions,
  action: (service: ReturnType<typeof createKeyService>) => Promise<T>,
): Promise<T> {
  const store = await openStore({ dataDir: resolveDataDir(options.dataDir) });
  try {
    return await action(createKeyService(store.keys));
  } finally {
    await store.close();
  }
}

/** `switchyard keys create|list|revoke`. */
export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('Manage virtual API keys (stored hashed; shown once)');
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
    .option('--data-dir <path>', 'data folder (or SWITCHYARD_DATA_DIR)')
    .option('--json', 'print JSON')
    .action(
      async (
        options: KeyCommandOptions & {
          name: string;
          models?: string;
          expiresInDays?: string;
          routingHeaders?: string;
          json?: boolean;
        },
      ) => {
        const allowedModels = options.models
          ? options.models
              .split(',')
              .map((model) => model.trim())
              .filter(Boolean)
          : null;
        const days = options.expiresInDays === undefined ? undefined : Number(options.expiresInDays);
        if (days !== undefined && !(days > 0))
          throw new Error(`--expires-in-days must be a positive number, got '${options.expiresInDays}'`);
        const headers = parseRoutingHeaders(options.routingHeaders);
        const created = await withKeyService(options, (service) =>
          service.create({
            name: options.name,
            allowedModels,
            expiresAt: days === undefined ? null : Date.now() + days * 86_400_000,
            metadata: headers === undefined ? null : { routing_headers: headers },
          }),
        );
        if (options.json) {
          process.stdout.write(
            `${JSON.stringify({ key: created.key, id: created.record.id, name: created.record.name })}\n`,
          );
          return;
        }
        process.stdout.write(`${created.key}\n`);
        process.stderr.write(
          `Created key ${created.record.id} (${created.record.name}). It is shown once: store it now.\n`,
        );
      },
    );
  keys
    .command('list')
    .description('List keys (hints only, never secrets)')
    .option('--data-dir <path>', 'data folder (or SWITCHYARD_DATA_DIR)')
    .option('--json', 'print JSON')
    .action(async (options: KeyCommandOptions & { json?: boolean }) => {
      const records = await withKeyService(options, (service) => service.list());
      if (options.json) {
        process.stdout.write(`${JSON.stringify(records.map(describeRecord))}\n`);
        return;
      }
      if (records.length === 0) process.stdout.write('no keys\n');
      for (const record of records) {
        const state = describeRecord(record);
        process.stdout.write(
          `${state.id}  ${state.hint}  ${state.status.padEnd(8)}  ${state.name}  models=${state.models}\n`,
        );
      }
    });
  keys
    .command('revoke <key>')
    .description('Revoke a key by id, hint or full key (takes effect within a second)')
    .option('--data-dir <path>', 'data folder (or SWITCHYARD_DATA_DIR)')
    .action(async (key: string, options: KeyCommandOptions) => {
      const record = await withKeyService(options, (service) => service.revoke(key));
      process.stdout.write(`revoked ${record.id} (${record.name})\n`);
    });
}

function describeRecord(record: KeyRecord) {
  const status =
    record.revokedAt !== null
      ? 'revoked'
      : record.expiresAt !== null && record.expiresAt <= Date.now()
        ? 'expired'
        : 'active';
  return {
    id: record.id,
    hint: record.keyHint,
    name: record.name,
    status,
    models: record.allowedModels === null ? '*' : record.allowedModels.join(','),
    createdAt: new Date(record.createdAt).toISOString(),
    expiresAt: record.expiresAt === null ? null : new Date(record.expiresAt).toISOString(),
  };
}

/** `mode`, `force` or both; anything else is refused so a typo does not silently grant nothing. */
function parseRoutingHeaders(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const parts = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  for (const part of parts) {
    if (part !== 'mode' && part !== 'force')
      throw new Error(`--routing-headers takes mode, force or mode,force; got '${part}'`);
  }
  return parts.join(',');
}
