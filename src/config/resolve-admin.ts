import type { Environment } from '../providers/presets/types.js';
import type { RawConfig } from './schema.js';
import { Secret } from './secret.js';
import type { ResolvedAdmin } from './types.js';

/** The environment variable the admin key is read from when `admin.key` is not configured. */
export const adminKeyVariable = 'SWITCHYARD_ADMIN_KEY';

/** Shorter keys are refused: the admin key guards every other key and all spend data. */
export const minimumAdminKeyLength = 16;

/**
 * `admin.key` if configured (usually `${SWITCHYARD_ADMIN_KEY}`), else the SWITCHYARD_ADMIN_KEY
 * variable, else none (the admin API then refuses every call and says how to enable it).
 */
export function resolveAdmin(raw: RawConfig['admin'], env: Environment, issues: string[]): ResolvedAdmin {
  const configured = raw?.key;
  const value = configured ?? env[adminKeyVariable];
  if (value === undefined || value === '') return { key: undefined };
  const where = configured === undefined ? adminKeyVariable : 'admin.key';
  if (value.trim() !== value) {
    issues.push(`${where}: the admin key must not start or end with whitespace`);
    return { key: undefined };
  }
  if (value.length < minimumAdminKeyLength) {
    issues.push(`${where}: the admin key must be at least ${minimumAdminKeyLength} characters`);
    return { key: undefined };
  }
  return { key: new Secret(value) };
}
