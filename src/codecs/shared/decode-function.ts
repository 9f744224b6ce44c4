import type { CanonOutputFormat, CanonTool } from '../../canon/index.js';
import {
  expectObject,
  expectString,
  invalidField,
  joinPath,
  optionalBoolean,
  optionalString,
  type WireObject,
} from './read-fields.js';

const identifierPattern = /^[a-zA-Z0-9_-]{1,64}$/;

/** A function or schema name as OpenAI's shapes allow it: 1-64 of a-z, A-Z, 0-9, `_`, `-`. */
export function expectIdentifier(value: unknown, param: string): string {
  const name = expectString(value, param);
  if (!identifierPattern.test(name))
    invalidField(param, 'expected 1-64 characters of a-z, A-Z, 0-9, _ or -.');
  return name;
}

/**
 * `{name, description?, parameters?, strict?}` at `path` — the function declaration both OpenAI shapes
 * use (nested under `function` in Chat, flat in Responses).
 */
export function decodeFunctionDeclaration(declaration: WireObject, path: string): CanonTool {
  const decoded: CanonTool = { name: expectIdentifier(declaration.name, joinPath(path, 'name')) };
  const description = optionalString(declaration, 'description', path);
  if (description !== undefined) decoded.description = description;
  if (declaration.parameters !== undefined && declaration.parameters !== null) {
    decoded.inputSchema = expectObject(declaration.parameters, joinPath(path, 'parameters'));
  }
  // Absent stays absent: OpenAI then applies its own default, other targets theirs.
  const strict = optionalBoolean(declaration, 'strict', path);
  if (strict !== undefined) decoded.strict = strict;
  return decoded;
}

/** `{name, schema, description?, strict?}` at `path` — a JSON-schema output format (Responses requires the schema). */
export function decodeJsonSchemaFormat(
  format: WireObject,
  path: string,
  schemaRequired: boolean,
): CanonOutputFormat {
  const decoded: CanonOutputFormat = {
    type: 'json',
    schemaName: expectIdentifier(format.name, joinPath(path, 'name')),
  };
  if (format.schema === undefined || format.schema === null) {
    if (schemaRequired) invalidField(joinPath(path, 'schema'), 'a json_schema format needs a schema.');
  } else {
    decoded.schema = expectObject(format.schema, joinPath(path, 'schema'));
  }
  const description = optionalString(format, 'description', path);
  if (description !== undefined) decoded.schemaDescription = description;
  const strict = optionalBoolean(format, 'strict', path);
  if (strict !== undefined) decoded.strict = strict;
  return decoded;
}
