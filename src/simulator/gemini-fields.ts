import { isRecord } from './chat-request.js';
import type { SimulatedError } from './errors.js';
import { geminiInvalidArgument } from './gemini-errors.js';

/** `maxOutputTokens` → `max_output_tokens`: Google's REST docs' spelling of the same proto field. */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/**
 * Reads a field in either spelling; requests are proto3 JSON, which accepts `systemInstruction`
 * and `system_instruction` alike.
 */
export function fieldOf(object: Record<string, unknown>, camelName: string): unknown {
  return object[camelName] ?? object[snakeCase(camelName)];
}

function camelCase(name: string): string {
  return name.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}

/**
 * Rejects fields the message does not have, as the API does ("Unknown name ... Cannot find
 * field."), so OpenAI-isms leaking into a Gemini body are caught here and not in production.
 */
export function unknownField(
  object: Record<string, unknown>,
  known: ReadonlySet<string>,
  at?: string,
): SimulatedError | undefined {
  for (const key of Object.keys(object)) {
    if (known.has(camelCase(key))) continue;
    const where = at === undefined ? '' : ` at '${at}'`;
    return geminiInvalidArgument(
      `Invalid JSON payload received. Unknown name "${key}"${where}: Cannot find field.`,
    );
  }
  return undefined;
}

/** The keywords of Gemini's OpenAPI-style Schema (`parameters`, `responseSchema`). */
const SCHEMA_KEYWORDS = new Set([
  'type',
  'format',
  'title',
  'description',
  'nullable',
  'enum',
  'items',
  'properties',
  'required',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'anyOf',
  'propertyOrdering',
  'default',
  'example',
]);

/**
 * Checks an OpenAPI-style Schema recursively: raw JSON Schema keywords (`additionalProperties`,
 * `$ref`, `$schema`) are rejected there, and belong in `parametersJsonSchema` /
 * `responseJsonSchema` instead.
 */
export function checkOpenApiSchema(schema: unknown, at: string): SimulatedError | undefined {
  if (!isRecord(schema)) return undefined;
  const unknown = unknownField(schema, SCHEMA_KEYWORDS, at);
  if (unknown !== undefined) return unknown;
  if (isRecord(schema.properties)) {
    for (const [name, property] of Object.entries(schema.properties)) {
      const error = checkOpenApiSchema(property, `${at}.properties[${name}].value`);
      if (error !== undefined) return error;
    }
  }
  const error = checkOpenApiSchema(schema.items, `${at}.items`);
  if (error !== undefined) return error;
  if (Array.isArray(schema.anyOf)) {
    for (const [index, option] of schema.anyOf.entries()) {
      const optionError = checkOpenApiSchema(option, `${at}.any_of[${index}]`);
      if (optionError !== undefined) return optionError;
    }
  }
  return undefined;
}
