import {
  expectNumber,
  expectString,
  invalidField,
  joinPath,
  type NumberRule,
  type WireObject,
} from '../shared/read-fields.js';

/**
 * Gemini requests are proto3 JSON: the server accepts `systemInstruction` and `system_instruction` alike
 * (Google's REST docs often use snake_case), so the ingress reads both spellings of every field it parses.
 * Values that are caller data (schemas, function arguments) are never renamed.
 */

/** `systemInstruction` → `system_instruction`. */
export function toSnakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** `system_instruction` → `systemInstruction`. */
export function toCamelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/** A field read under either spelling, with the key the caller used (error paths name it). */
export interface WireField {
  key: string;
  value: unknown;
}

/** Reads `camelName` or its snake_case twin; the camelCase spelling wins when both are present. */
export function readField(object: WireObject, camelName: string): WireField {
  if (object[camelName] !== undefined) return { key: camelName, value: object[camelName] };
  const snake = toSnakeCase(camelName);
  if (object[snake] !== undefined) return { key: snake, value: object[snake] };
  return { key: camelName, value: undefined };
}

/** True when the field is absent or null under both spellings. */
export function isAbsent(field: WireField): boolean {
  return field.value === undefined || field.value === null;
}

/** An optional number under either spelling, validated against `rule`. */
export function readNumber(
  object: WireObject,
  camelName: string,
  path: string,
  rule: NumberRule = {},
): number | undefined {
  const field = readField(object, camelName);
  if (isAbsent(field)) return undefined;
  return expectNumber(field.value, joinPath(path, field.key), rule);
}

/** An optional string under either spelling. */
export function readString(object: WireObject, camelName: string, path: string): string | undefined {
  const field = readField(object, camelName);
  if (isAbsent(field)) return undefined;
  return expectString(field.value, joinPath(path, field.key));
}

/** An optional boolean under either spelling. */
export function readBoolean(object: WireObject, camelName: string, path: string): boolean | undefined {
  const field = readField(object, camelName);
  if (isAbsent(field)) return undefined;
  if (typeof field.value !== 'boolean') {
    invalidField(joinPath(path, field.key), 'expected a boolean.');
  }
  return field.value;
}

/**
 * The keys of `object` not named in `known` (camelCase names; snake_case twins count as known), with
 * their keys in camelCase so a restored body never carries both spellings of one field.
 */
export function pickUnknownFields(object: WireObject, known: ReadonlySet<string>): WireObject | undefined {
  let extras: WireObject | undefined;
  for (const key in object) {
    const camel = toCamelCase(key);
    if (known.has(camel) || object[key] === undefined) continue;
    extras ??= {};
    extras[camel] = object[key];
  }
  return extras;
}
