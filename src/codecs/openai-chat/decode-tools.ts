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
} from '../shared/read-fields.js';

const toolNamePattern = /^[a-zA-Z0-9_-]{1,64}$/;

/** Decodes `tools` (function tools only: the hub cannot carry OpenAI's custom tools to other providers). */
export function decodeOpenAiTools(value: unknown): CanonTool[] | undefined {
  if (value === undefined || value === null) return undefined;
  return expectArray(value, 'tools').map((item, index) => {
    const path = `tools[${index}]`;
    const tool = expectObject(item, path);
    if (tool.type !== 'function') {
      invalidField(joinPath(path, 'type'), `expected 'function', got ${describeType(tool.type)}.`);
    }
    const fn = expectObject(tool.function, joinPath(path, 'function'));
    const name = expectString(fn.name, joinPath(path, 'function.name'));
    if (!toolNamePattern.test(name)) {
      invalidField(joinPath(path, 'function.name'), 'expected 1-64 characters of a-z, A-Z, 0-9, _ or -.');
    }
    const decoded: CanonTool = { name };
    const description = optionalString(fn, 'description', joinPath(path, 'function'));
    if (description !== undefined) decoded.description = description;
    if (fn.parameters !== undefined && fn.parameters !== null) {
      decoded.inputSchema = expectObject(fn.parameters, joinPath(path, 'function.parameters'));
    }
    const strict = optionalBoolean(fn, 'strict', joinPath(path, 'function'));
    if (strict !== undefined) decoded.strict = strict;
    return decoded;
  });
}

/** Decodes `tool_choice`, checking a forced tool exists. */
export function decodeOpenAiToolChoice(
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
    invalidField('tool_choice.type', `expected 'function', got ${describeType(choice.type)}.`);
  }
  const fn = expectObject(choice.function, 'tool_choice.function');
  const toolName = expectString(fn.name, 'tool_choice.function.name');
  if (!tools?.some((tool) => tool.name === toolName)) {
    invalidField('tool_choice.function.name', `no tool named '${toolName}' is defined in 'tools'.`);
  }
  return { toolName };
}

/** Decodes `response_format`. */
export function decodeOpenAiResponseFormat(value: unknown): CanonOutputFormat | undefined {
  if (value === undefined || value === null) return undefined;
  const format = expectObject(value, 'response_format');
  switch (format.type) {
    case 'text':
      return { type: 'text' };
    case 'json_object':
      return { type: 'json' };
    case 'json_schema': {
      const schema = expectObject(format.json_schema, 'response_format.json_schema');
      const name = expectString(schema.name, 'response_format.json_schema.name');
      if (!toolNamePattern.test(name)) {
        invalidField(
          'response_format.json_schema.name',
          'expected 1-64 characters of a-z, A-Z, 0-9, _ or -.',
        );
      }
      const decoded: CanonOutputFormat = { type: 'json', schemaName: name };
      if (schema.schema !== undefined && schema.schema !== null) {
        decoded.schema = expectObject(schema.schema, 'response_format.json_schema.schema');
      }
      const description = optionalString(schema, 'description', 'response_format.json_schema');
      if (description !== undefined) decoded.schemaDescription = description;
      const strict = optionalBoolean(schema, 'strict', 'response_format.json_schema');
      if (strict !== undefined) decoded.strict = strict;
      return decoded;
    }
    default:
      return invalidField(
        'response_format.type',
        `expected 'text', 'json_object' or 'json_schema', got ${describeType(format.type)}.`,
      );
  }
}
