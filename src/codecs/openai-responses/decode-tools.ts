import type { CanonOutputFormat, CanonTool, CanonToolChoice } from '../../canon/index.js';
import {
  describeType,
  expectArray,
  expectObject,
  expectString,
  invalidField,
  joinPath,
  optionalBoolean,
  optionalString,
  pickUnknown,
  type WireObject,
} from '../shared/read-fields.js';

const toolNamePattern = /^[a-zA-Z0-9_-]{1,64}$/;
const hostedToolMessage = 'this gateway cannot serve hosted tools on the chosen target.';

/** Decodes flat Responses function tools; any hosted tool is a 400 naming `tools[i].type`. */
export function decodeResponsesTools(value: unknown): CanonTool[] | undefined {
  if (value === undefined || value === null) return undefined;
  return expectArray(value, 'tools').map((item, index) => {
    const path = `tools[${index}]`;
    const tool = expectObject(item, path);
    if (tool.type !== 'function') {
      if (typeof tool.type === 'string') {
        invalidField(joinPath(path, 'type'), `'${tool.type}' is a hosted tool: ${hostedToolMessage}`);
      }
      invalidField(joinPath(path, 'type'), `expected 'function', got ${describeType(tool.type)}.`);
    }
    const name = expectString(tool.name, joinPath(path, 'name'));
    if (!toolNamePattern.test(name)) {
      invalidField(joinPath(path, 'name'), 'expected 1-64 characters of a-z, A-Z, 0-9, _ or -.');
    }
    const decoded: CanonTool = { name };
    const description = optionalString(tool, 'description', path);
    if (description !== undefined) decoded.description = description;
    if (tool.parameters !== undefined && tool.parameters !== null) {
      decoded.inputSchema = expectObject(tool.parameters, joinPath(path, 'parameters'));
    }
    // Absent stays absent: OpenAI then applies its own default (strict), other targets theirs.
    const strict = optionalBoolean(tool, 'strict', path);
    if (strict !== undefined) decoded.strict = strict;
    return decoded;
  });
}

/** Decodes the flat `tool_choice`, checking a forced function exists. */
export function decodeResponsesToolChoice(
  value: unknown,
  tools: CanonTool[] | undefined,
): CanonToolChoice | undefined {
  if (value === undefined || value === null) return undefined;
  if (value === 'auto' || value === 'none' || value === 'required') return value;
  if (typeof value === 'string') {
    invalidField(
      'tool_choice',
      `expected 'none', 'auto', 'required' or an object, got ${describeType(value)}.`,
    );
  }
  const choice = expectObject(value, 'tool_choice');
  if (choice.type !== 'function') {
    const hosted = typeof choice.type === 'string' && choice.type !== 'allowed_tools';
    invalidField(
      'tool_choice.type',
      hosted
        ? `'${String(choice.type)}' names a hosted tool: ${hostedToolMessage}`
        : `expected 'function', got ${describeType(choice.type)}.`,
    );
  }
  const toolName = expectString(choice.name, 'tool_choice.name');
  if (!tools?.some((tool) => tool.name === toolName)) {
    invalidField('tool_choice.name', `no function named '${toolName}' is defined in 'tools'.`);
  }
  return { toolName };
}

/** `text`: the modeled `format`, and the other sub-fields (`verbosity`, ...) for the vendor carry. */
export function decodeTextConfig(value: unknown): { output?: CanonOutputFormat; extras?: WireObject } {
  if (value === undefined || value === null) return {};
  const text = expectObject(value, 'text');
  const extras = pickUnknown(text, new Set(['format']));
  const output = decodeTextFormat(text.format);
  return { ...(output ? { output } : {}), ...(extras ? { extras } : {}) };
}

function decodeTextFormat(value: unknown): CanonOutputFormat | undefined {
  if (value === undefined || value === null) return undefined;
  const format = expectObject(value, 'text.format');
  switch (format.type) {
    case 'text':
      return { type: 'text' };
    case 'json_object':
      return { type: 'json' };
    case 'json_schema': {
      const name = expectString(format.name, 'text.format.name');
      if (!toolNamePattern.test(name)) {
        invalidField('text.format.name', 'expected 1-64 characters of a-z, A-Z, 0-9, _ or -.');
      }
      const decoded: CanonOutputFormat = { type: 'json', schemaName: name };
      if (format.schema === undefined || format.schema === null) {
        invalidField('text.format.schema', 'a json_schema format needs a schema.');
      }
      decoded.schema = expectObject(format.schema, 'text.format.schema');
      const description = optionalString(format, 'description', 'text.format');
      if (description !== undefined) decoded.schemaDescription = description;
      const strict = optionalBoolean(format, 'strict', 'text.format');
      if (strict !== undefined) decoded.strict = strict;
      return decoded;
    }
    default:
      return invalidField(
        'text.format.type',
        `expected 'text', 'json_object' or 'json_schema', got ${describeType(format.type)}.`,
      );
  }
}
