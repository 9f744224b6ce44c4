import { adminKeyVariable } from '../config/index.js';
import { loadConfigFile } from '../config/load.js';
import { resolveConfigPath } from './options.js';

/** Flags every command that talks to a running gateway's admin API takes. */
export interface AdminTargetOptions {
  url?: string;
  adminKey?: string;
  config?: string;
}

/** A thin JSON client for `/admin/v1`; failures throw with the API's own message. */
export interface AdminClient {
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
}

/**
 * Where the gateway is and which admin key to use: `--url`, else SWITCHYARD_URL, else the configured
 * `server.host`/`server.port` (from `--config` or SWITCHYARD_CONFIG), else http://127.0.0.1:8080;
 * `--admin-key`, else SWITCHYARD_ADMIN_KEY, else the configured `admin.key`.
 */
export function resolveAdminTarget(
  options: AdminTargetOptions,
  env: NodeJS.ProcessEnv = process.env,
): { url: string; adminKey: string } {
  const configPath = resolveConfigPath(options.config, env);
  const raw = configPath === undefined ? undefined : loadConfigFile(configPath, env);
  const host = raw?.server?.host ?? '127.0.0.1';
  const shownHost =
    host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url =
    options.url ?? nonEmpty(env.SWITCHYARD_URL) ?? `http://${shownHost}:${raw?.server?.port ?? 8080}`;
  const adminKey = options.adminKey ?? nonEmpty(env[adminKeyVariable]) ?? raw?.admin?.key;
  if (adminKey === undefined || adminKey === '') {
    throw new Error(
      `no admin key: pass --admin-key or set ${adminKeyVariable} (the gateway must run with the same key), or use --offline to write the store directly`,
    );
  }
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw new Error(`--url must be an http(s) URL, got '${url}'`);
  }
  return { url: url.replace(/\/+$/, ''), adminKey };
}

export function createAdminClient(target: { url: string; adminKey: string }): AdminClient {
  return {
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      let response: Response;
      try {
        response = await fetch(`${target.url}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${target.adminKey}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(30_000),
        });
      } catch (error) {
        const reason =
          error instanceof Error
            ? error.cause instanceof Error
              ? error.cause.message
              : error.message
            : String(error);
        throw new Error(
          `cannot reach the gateway at ${target.url} (${reason}); is it running? (--url, or --offline)`,
        );
      }
      const text = await response.text();
      let parsed: unknown;
      try {
        parsed = text.length === 0 ? {} : JSON.parse(text);
      } catch {
        throw new Error(`the gateway at ${target.url} answered ${response.status} with a non-JSON body`);
      }
      if (!response.ok) {
        const error = (parsed as { error?: { message?: string; param?: string | null } }).error;
        const param = error?.param ? ` (${error.param})` : '';
        throw new Error(`${response.status}: ${error?.message ?? 'request failed'}${param}`);
      }
      return parsed as T;
    },
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
