import path from 'node:path';

/** Options every command shares. */
export interface CommonOptions {
  config?: string;
  dataDir?: string;
}

/** `--data-dir`, else SWITCHYARD_DATA_DIR, else ./.switchyard (the SQLite file lives there). */
export function resolveDataDir(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(option ?? env.SWITCHYARD_DATA_DIR ?? '.switchyard');
}

/** `--config`, else SWITCHYARD_CONFIG, else none (providers from the environment, or the demo). */
export function resolveConfigPath(
  option: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const value = option ?? env.SWITCHYARD_CONFIG;
  return value === undefined || value === '' ? undefined : path.resolve(value);
}

/** Parses a TCP port, or throws a clear message. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`invalid port '${value}': expected 0-65535`);
  return port;
}
