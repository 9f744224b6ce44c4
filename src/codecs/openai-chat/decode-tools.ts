import type { CanonOutputFormat, CanonTool, CanonToolChoice } from '../../canon/index.js';
import { decodeFunctionDeclaration, decodeJsonSchemaFormat } from '../shared/decode-function.js';
import {
  describeType,
  expectArray,
  expectObject,
  expectString,
  invalidField,
  joinPath,
} from '../shared/read-fields.js';

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
    return decodeFunctionDeclaration(fn, joinPath(path, 'function'));
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
    case 'json_schema':
      return decodeJsonSchemaFormat(
        expectObject(format.json_schema, 'response_format.json_schema'),
        'response_format.json_schema',
        false,
      );
    default:
      return invalidField(
        'response_format.type',
        `expected 'text', 'json_object' or 'json_schema', got ${describeType(format.type)}.`,
      );
  }
}
