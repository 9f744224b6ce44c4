import type { CanonTool, CanonToolChoice } from '../../canon/index.js';
import {
  describeType,
  expectArray,
  expectObject,
  expectString,
  invalidField,
  joinPath,
  missingField,
  optionalBoolean,
  optionalString,
  pickUnknown,
  type WireObject,
} from '../shared/read-fields.js';

/** Decoded `tools`: function tools for the hub, plus what only an Anthropic upstream can use. */
export interface DecodedTools {
  tools: CanonTool[];
  /** Server tools (`{type: "web_search_20250305", ...}`), kept as sent. */
  serverTools: WireObject[];
  /** Unknown keys of each function tool, aligned with `tools` (null where none). */
  toolExtras: Array<WireObject | null>;
}

const knownToolKeys: ReadonlySet<string> = new Set(['name', 'description', 'input_schema', 'strict']);

/**
 * `tools` → canonical tools. A tool without `type` (or `type: "custom"`) is a function tool; any other
 * `type` names one of Anthropic's server tools, which the hub cannot give to another provider.
 */
export function decodeAnthropicTools(value: unknown): DecodedTools | undefined {
  if (value === undefined || value === null) return undefined;
  const decoded: DecodedTools = { tools: [], serverTools: [], toolExtras: [] };
  expectArray(value, 'tools').forEach((item, index) => {
    const path = `tools[${index}]`;
    const wire = expectObject(item, path);
    if (wire.type !== undefined && wire.type !== null && wire.type !== 'custom') {
      expectString(wire.type, joinPath(path, 'type'));
      decoded.serverTools.push(wire);
      return;
    }
    if (wire.name === undefined || wire.name === null) missingField(joinPath(path, 'name'));
    const tool: CanonTool = { name: expectString(wire.name, joinPath(path, 'name')) };
    if (tool.name.length === 0) invalidField(joinPath(path, 'name'), 'expected a non-empty tool name.');
    const description = optionalString(wire, 'description', path);
    if (description !== undefined) tool.description = description;
    if (wire.input_schema !== undefined && wire.input_schema !== null) {
      tool.inputSchema = expectObject(wire.input_schema, joinPath(path, 'input_schema'));
    }
    const strict = optionalBoolean(wire, 'strict', path);
    if (strict !== undefined) tool.strict = strict;
    decoded.tools.push(tool);
    decoded.toolExtras.push(pickUnknown(wire, knownToolKeys) ?? null);
  });
  return decoded;
}

/** `tool_choice` → canonical choice and the parallel-call switch. */
export function decodeAnthropicToolChoice(
  value: unknown,
  toolNames: ReadonlySet<string>,
): { toolChoice: CanonToolChoice; parallelToolCalls?: boolean } | undefined {
  if (value === undefined || value === null) return undefined;
  const choice = expectObject(value, 'tool_choice');
  const disableParallel = optionalBoolean(choice, 'disable_parallel_tool_use', 'tool_choice');
  const parallel = disableParallel === undefined ? {} : { parallelToolCalls: !disableParallel };
  switch (choice.type) {
    case 'auto':
      return { toolChoice: 'auto', ...parallel };
    case 'any':
      return { toolChoice: 'required', ...parallel };
    case 'none':
      return { toolChoice: 'none', ...parallel };
    case 'tool': {
      if (choice.name === undefined || choice.name === null) missingField('tool_choice.name');
      const toolName = expectString(choice.name, 'tool_choice.name');
      if (!toolNames.has(toolName)) {
        invalidField('tool_choice.name', `no tool named '${toolName}' is defined in 'tools'.`);
      }
      return { toolChoice: { toolName }, ...parallel };
    }
    default:
      return invalidField(
        'tool_choice.type',
        `expected one of 'auto', 'any', 'tool', 'none', got ${describeType(choice.type)}.`,
      );
  }
}

/** Names a forced `tool_choice` may use: function tools and named server tools. */
export function toolNamesOf(decoded: DecodedTools | undefined): ReadonlySet<string> {
  const names = new Set<string>();
  for (const tool of decoded?.tools ?? []) names.add(tool.name);
  for (const tool of decoded?.serverTools ?? []) if (typeof tool.name === 'string') names.add(tool.name);
  return names;
}
