import { GatewayError } from '../../canon/index.js';

/** A JSON object as it arrived on the wire. */
export type WireObject = Record<string, unknown>;

/** Throws the caller's 400 naming the field at fault. */
export function invalidField(param: string, message: string): never {
  throw new GatewayError('invalid_request', `Invalid value for '${param}': ${message}`, { param });
}

/** Throws the caller's 400 for a field that must be present. */
export function missingField(param: string): never {
  throw new GatewayError('invalid_request', `Missing required parameter: '${param}'.`, {
    param,
    code: 'missing_required_parameter',
  });
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string')
    return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
  return `${typeof value} (${String(value)})`;
}

export function isWireObject(value: unknown): value is WireObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function expectObject(value: unknown, param: string): WireObject {
  if (!isWireObject(value)) invalidField(param, `expected an object, got ${describeType(value)}.`);
  return value;
}

export function expectArray(value: unknown, param: string): unknown[] {
  if (!Array.isArray(value)) invalidField(param, `expected an array, got ${describeType(value)}.`);
  return value;
}

export function expectString(value: unknown, param: string): string {
  if (typeof value !== 'string') invalidField(param, `expected a string, got ${describeType(value)}.`);
  return value;
}

/** A string field that may be absent or null. */
export function optionalString(object: WireObject, key: string, path: string): string | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  return expectString(value, joinPath(path, key));
}

export function optionalBoolean(object: WireObject, key: string, path: string): boolean | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean')
    invalidField(joinPath(path, key), `expected a boolean, got ${describeType(value)}.`);
  return value;
}

export interface NumberRule {
  min?: number;
  max?: number;
  integer?: boolean;
}

export function optionalNumber(
  object: WireObject,
  key: string,
  path: string,
  rule: NumberRule = {},
): number | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  return expectNumber(value, joinPath(path, key), rule);
}

export function expectNumber(value: unknown, param: string, rule: NumberRule = {}): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    invalidField(param, `expected a number, got ${describeType(value)}.`);
  }
  if (rule.integer && !Number.isInteger(value)) invalidField(param, `expected an integer, got ${value}.`);
  if (rule.min !== undefined && value < rule.min)
    invalidField(param, `expected a value >= ${rule.min}, got ${value}.`);
  if (rule.max !== undefined && value > rule.max)
    invalidField(param, `expected a value <= ${rule.max}, got ${value}.`);
  return value;
}

export function joinPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** Copies the keys of `object` that are not in `known` (fields the hub does not model). */
export function pickUnknown(object: WireObject, known: ReadonlySet<string>): WireObject | undefined {
  let extras: WireObject | undefined;
  for (const key in object) {
    if (!known.has(key) && object[key] !== undefined) {
      extras ??= {};
      extras[key] = object[key];
    }
  }
  return extras;
}
