import {
  type AdminClient,
  type AdminTargetOptions,
  createAdminClient,
  resolveAdminTarget,
} from './admin-client.js';
import { withLocalAdminClient } from './local-admin-client.js';
import { resolveDataDir } from './options.js';

/** Flags of every command that uses the admin API. */
export interface AdminSessionOptions extends AdminTargetOptions {
  offline?: boolean;
  dataDir?: string;
}

/** Runs `action` against a running gateway's admin API, or (`--offline`) the store directly. */
export async function withAdminClient<T>(
  options: AdminSessionOptions,
  action: (client: AdminClient) => Promise<T>,
): Promise<T> {
  if (options.offline) return withLocalAdminClient(resolveDataDir(options.dataDir), action);
  if (options.dataDir !== undefined) throw new Error('--data-dir is only used with --offline');
  return action(createAdminClient(resolveAdminTarget(options)));
}

/** Adds the admin target flags (`--url`, `--admin-key`, `--config`, `--offline`, `--data-dir`, `--json`). */
export function addAdminFlags<C extends { option(flags: string, description: string): C }>(command: C): C {
  return command
    .option(
      '--url <url>',
      'gateway URL (or SWITCHYARD_URL; default from the configuration, else http://127.0.0.1:8080)',
    )
    .option(
      '--admin-key <key>',
      'admin key (better: SWITCHYARD_ADMIN_KEY, since flags show in the process list)',
    )
    .option('--config <path>', 'configuration file to read server.host/port and admin.key from')
    .option('--offline', 'use the store directly instead of a running gateway')
    .option('--data-dir <path>', 'with --offline: data folder (or SWITCHYARD_DATA_DIR)')
    .option('--json', 'print JSON');
}
