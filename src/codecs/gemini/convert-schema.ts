import type { JsonSchema } from '../../canon/index.js';
import { isWireObject, type WireObject } from '../shared/read-fields.js';

/** Keywords that hold one sub-schema. */
const singleSchemaKeys = new Set(['items', 'additionalProperties', 'not']);
/** Keywords that hold a list of sub-schemas. */
const schemaListKeys = new Set(['anyOf', 'oneOf', 'allOf', 'prefixItems']);
/** Gemini-only keywords other providers reject in strict JSON Schema. */
const droppedKeys = new Set(['nullable', 'propertyOrdering', 'example']);

/**
 * Gemini's OpenAPI-3.0 Schema subset (`parameters`, `responseSchema`: upper-case `type`, `nullable`,
 * `propertyOrdering`) → JSON Schema, the hub's schema language. Upstreams of every shape accept the result;
 * the Gemini egress sends it back as `parametersJsonSchema` / `responseJsonSchema`.
 */
export function convertOpenApiSchema(schema: WireObject): JsonSchema {
  const converted: WireObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (droppedKeys.has(key)) continue;
    if (key === 'type') converted.type = typeof value === 'string' ? value.toLowerCase() : value;
    else if (key === 'format' && value === 'enum') continue;
    else if (key === 'properties' && isWireObject(value)) converted.properties = convertEach(value);
    else if (singleSchemaKeys.has(key) && isWireObject(value)) converted[key] = convertOpenApiSchema(value);
    else if (schemaListKeys.has(key) && Array.isArray(value)) {
      converted[key] = value.map((item) => (isWireObject(item) ? convertOpenApiSchema(item) : item));
    } else converted[key] = value;
  }
  if (schema.nullable === true) return makeNullable(converted);
  return converted;
}

function convertEach(properties: WireObject): WireObject {
  const converted: WireObject = {};
  for (const [name, value] of Object.entries(properties)) {
    converted[name] = isWireObject(value) ? convertOpenApiSchema(value) : value;
  }
  return converted;
}

function makeNullable(schema: WireObject): JsonSchema {
  if (typeof schema.type === 'string') return { ...schema, type: [schema.type, 'null'] };
  if (Array.isArray(schema.type)) {
    return schema.type.includes('null') ? schema : { ...schema, type: [...schema.type, 'null'] };
  }
  if (Array.isArray(schema.anyOf) && Object.keys(schema).length === 1) {
    return { anyOf: [...schema.anyOf, { type: 'null' }] };
  }
  return { anyOf: [schema, { type: 'null' }] };
}
