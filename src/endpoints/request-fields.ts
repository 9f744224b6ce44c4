import { GatewayError } from '../canon/index.js';
import { isObject } from './upstream-request.js';

/** Field readers for the non-chat request bodies; each failure names the field (`param`). */
export function requireObject(body: unknown): Record<string, unknown> {
  if (!isObject(body)) throw invalid('The request body must be a JSON object.', null);
  return body;
}

export function invalid(message: string, param: string | null): GatewayError {
  return new GatewayError('invalid_request', message, param === null ? {} : { param });
}

export function requireString(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (value === undefined || value === null) throw invalid(`Missing required parameter: '${name}'.`, name);
  if (typeof value !== 'string' || value.trim() === '')
    throw invalid(`'${name}' must be a non-empty string.`, name);
  return value;
}

export function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(`'${name}' must be a string.`, name);
  return value;
}

export function optionalInteger(
  body: Record<string, unknown>,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw invalid(`'${name}' must be an integer between ${min} and ${max}.`, name);
  return value;
}

export function optionalBoolean(body: Record<string, unknown>, name: string): boolean | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalid(`'${name}' must be true or false.`, name);
  return value;
}

export function optionalEnum<T extends string>(
  body: Record<string, unknown>,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
    throw invalid(`'${name}' must be one of ${allowed.map((item) => `'${item}'`).join(', ')}.`, name);
  return value as T;
}

/** `models: [...]`: fallback model names (up to 10), as on the chat endpoint. */
export function optionalFallbacks(body: Record<string, unknown>): string[] | undefined {
  const value = body.models;
  if (value === undefined || value === null) return undefined;
  if (
    !Array.isArray(value) ||
    value.length > 10 ||
    !value.every((item) => typeof item === 'string' && item !== '')
  )
    throw invalid("'models' must be a list of up to 10 model names.", 'models');
  return value as string[];
}
