import type { CanonOutputFormat, CanonTool, CanonToolChoice } from '../../canon/index.js';
import { decodeFunctionDeclaration, decodeJsonSchemaFormat } from '../shared/decode-function.js';
import {
  describeType,
  expectArray,
  expectObject,
  expectString,
  invalidField,
  joinPath,
  pickUnknown,
  type WireObject,
} from '../shared/read-fields.js';

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
    return decodeFunctionDeclaration(tool, path);
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
    case 'json_schema':
      return decodeJsonSchemaFormat(format, 'text.format', true);
    default:
      return invalidField(
        'text.format.type',
        `expected 'text', 'json_object' or 'json_schema', got ${describeType(format.type)}.`,
      );
  }
}
