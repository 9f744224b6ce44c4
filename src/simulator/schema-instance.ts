import { isRecord } from './chat-request.js';
import { pickWord } from './vocabulary.js';

const MAX_DEPTH = 8;

/**
 * Generates a deterministic JSON value that validates against a JSON schema (the subset used by
 * tool parameters and structured outputs: object/array/string/number/integer/boolean/null,
 * enum, const, anyOf/oneOf/allOf, local $ref, string formats and numeric/length bounds).
 */
export function instanceFromSchema(schema: unknown, random: () => number): unknown {
  return generate(schema, random, schema, 0);
}

function generate(schema: unknown, random: () => number, root: unknown, depth: number): unknown {
  if (schema === true || schema === undefined) return 'value';
  if (!isRecord(schema) || depth > MAX_DEPTH) return null;
  if (typeof schema.$ref === 'string')
    return generate(resolveReference(schema.$ref, root), random, root, depth + 1);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    return schema.enum[Math.floor(random() * schema.enum.length)];
  }
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alternatives) && alternatives.length > 0) {
    const concrete =
      alternatives.find(
        (option) =>
          !(isRecord(option) && typeof option.type === 'string' && option.type.toLowerCase() === 'null'),
      ) ?? alternatives[0];
    return generate(concrete, random, root, depth + 1);
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0)
    return generateAllOf(schema.allOf, random, root, depth);
  switch (schemaType(schema)) {
    case 'object':
      return generateObject(schema, random, root, depth);
    case 'array':
      return generateArray(schema, random, root, depth);
    case 'integer':
      return generateInteger(schema, random);
    case 'number':
      return generateNumber(schema, random);
    case 'boolean':
      return random() < 0.5;
    case 'null':
      return null;
    default:
      return generateString(schema, random);
  }
}

/** The schema's type, lower-cased because Gemini's OpenAPI-style schemas spell it `OBJECT`, `STRING`, .... */
function schemaType(schema: Record<string, unknown>): string {
  const { type } = schema;
  if (typeof type === 'string') return type.toLowerCase();
  if (Array.isArray(type)) {
    const concrete = type.find((item) => typeof item === 'string' && item.toLowerCase() !== 'null');
    return typeof concrete === 'string' ? concrete.toLowerCase() : 'null';
  }
  if (isRecord(schema.properties)) return 'object';
  if (schema.items !== undefined) return 'array';
  return 'string';
}

function resolveReference(reference: string, root: unknown): unknown {
  if (!reference.startsWith('#')) return {};
  let node: unknown = root;
  for (const segment of reference
    .slice(1)
    .split('/')
    .filter((part) => part !== '')) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    node = isRecord(node) ? node[key] : undefined;
  }
  return node ?? {};
}

function generateAllOf(parts: unknown[], random: () => number, root: unknown, depth: number): unknown {
  let merged: unknown;
  for (const part of parts) {
    const value = generate(part, random, root, depth + 1);
    merged = isRecord(merged) && isRecord(value) ? { ...merged, ...value } : value;
  }
  return merged;
}

function generateObject(
  schema: Record<string, unknown>,
  random: () => number,
  root: unknown,
  depth: number,
): unknown {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  const result: Record<string, unknown> = {};
  for (const [name, propertySchema] of Object.entries(properties)) {
    // Optional properties appear about half the time, decided by the seed, so both shapes get exercised.
    if (!required.has(name) && random() < 0.5) continue;
    result[name] = generate(propertySchema, random, root, depth + 1);
  }
  return result;
}

function generateArray(
  schema: Record<string, unknown>,
  random: () => number,
  root: unknown,
  depth: number,
): unknown[] {
  const minimum = typeof schema.minItems === 'number' ? schema.minItems : 1;
  const maximum = typeof schema.maxItems === 'number' ? schema.maxItems : Math.max(minimum, 3);
  const upper = Math.min(maximum, Math.max(minimum, 3));
  const count = minimum + Math.floor(random() * (upper - minimum + 1));
  const items: unknown[] = [];
  if (Array.isArray(schema.prefixItems)) {
    for (const itemSchema of schema.prefixItems) items.push(generate(itemSchema, random, root, depth + 1));
  }
  const seen = new Set<string>();
  for (let attempt = 0; items.length < count && attempt < count * 4; attempt++) {
    const item = generate(schema.items, random, root, depth + 1);
    const key = JSON.stringify(item);
    if (schema.uniqueItems === true && seen.has(key)) continue;
    seen.add(key);
    items.push(item);
  }
  return items;
}

function bounds(
  schema: Record<string, unknown>,
  fallbackMinimum: number,
  fallbackMaximum: number,
  step: number,
) {
  let minimum = typeof schema.minimum === 'number' ? schema.minimum : fallbackMinimum;
  let maximum = typeof schema.maximum === 'number' ? schema.maximum : Math.max(minimum, fallbackMaximum);
  if (typeof schema.exclusiveMinimum === 'number')
    minimum = Math.max(minimum, schema.exclusiveMinimum + step);
  if (typeof schema.exclusiveMaximum === 'number')
    maximum = Math.min(maximum, schema.exclusiveMaximum - step);
  if (maximum < minimum) maximum = minimum;
  return { minimum, maximum };
}

function generateInteger(schema: Record<string, unknown>, random: () => number): number {
  const { minimum, maximum } = bounds(schema, 0, 100, 1);
  const low = Math.ceil(minimum);
  const value = low + Math.floor(random() * (Math.floor(maximum) - low + 1));
  const multiple = typeof schema.multipleOf === 'number' && schema.multipleOf > 0 ? schema.multipleOf : 1;
  const aligned = Math.ceil(value / multiple) * multiple;
  return aligned <= maximum ? aligned : Math.floor(value / multiple) * multiple;
}

function generateNumber(schema: Record<string, unknown>, random: () => number): number {
  if (typeof schema.multipleOf === 'number') return generateInteger(schema, random);
  const { minimum, maximum } = bounds(schema, 0, 100, 0.01);
  const value = Math.round((minimum + random() * (maximum - minimum)) * 100) / 100;
  return Math.min(maximum, Math.max(minimum, value));
}

function generateString(schema: Record<string, unknown>, random: () => number): string {
  switch (schema.format) {
    case 'date-time':
      return new Date(
        Date.UTC(2025, Math.floor(random() * 12), 1 + Math.floor(random() * 28), 12),
      ).toISOString();
    case 'date':
      return `2025-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 10)}`;
    case 'time':
      return `1${Math.floor(random() * 10)}:30:00Z`;
    case 'email':
      return `${pickWord(random)}@example.com`;
    case 'uri':
    case 'url':
      return `https://example.com/${pickWord(random)}`;
    case 'uuid':
      return '00000000-0000-4000-8000-'.concat(String(Math.floor(random() * 1e12)).padStart(12, '0'));
  }
  let text = `${pickWord(random)} ${pickWord(random)}`;
  const minimum = typeof schema.minLength === 'number' ? schema.minLength : 0;
  while (text.length < minimum) text += ` ${pickWord(random)}`;
  if (typeof schema.maxLength === 'number') text = text.slice(0, schema.maxLength);
  return text;
}
