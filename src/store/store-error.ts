import { GatewayError } from '../canon/errors.js';

/**
 * Runs one store operation and translates driver errors (SQLITE_BUSY, constraint failures, a closed
 * connection, …) into GatewayError('internal'), because only GatewayError crosses module boundaries.
 */
export async function runStoreOperation<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof GatewayError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new GatewayError('internal', `store: ${operation} failed: ${message}`, { cause: error });
  }
}

/** Parses a JSON TEXT column, failing loudly (not silently defaulting) when the stored text is corrupt. */
export function parseJsonColumn(text: string, column: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new GatewayError('internal', `store: column ${column} holds invalid JSON`, { cause: error });
  }
}

/** Reads a JSON TEXT column that must hold an object of strings (metadata tags). */
export function parseStringRecord(text: string | null, column: string): Record<string, string> | null {
  if (text === null) return null;
  const value = parseJsonColumn(text, column);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new GatewayError('internal', `store: column ${column} must hold a JSON object`);
  }
  const result: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== 'string') {
      throw new GatewayError('internal', `store: column ${column} entry "${key}" must be a string`);
    }
    result[key] = entry;
  }
  return result;
}

/** Reads a JSON TEXT column that must hold an array of strings (allowed models). */
export function parseStringArray(text: string | null, column: string): string[] | null {
  if (text === null) return null;
  const value = parseJsonColumn(text, column);
  if (!Array.isArray(value) || !value.every((entry): entry is string => typeof entry === 'string')) {
    throw new GatewayError('internal', `store: column ${column} must hold a JSON array of strings`);
  }
  return value;
}

/** Serialises a nullable value into a JSON TEXT column. */
export function toJsonColumn(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}
