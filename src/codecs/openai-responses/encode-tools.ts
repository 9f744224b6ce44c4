import type { CanonOutputFormat, CanonRequest, CanonTool, CanonToolChoice } from '../../canon/index.js';

type WireObject = Record<string, unknown>;

/**
 * Canonical tools → flat Responses function tools. An unset `strict` is left out of a request (the
 * upstream applies its default) and echoed as null in a Response, as OpenAI's schema has it.
 */
export function encodeResponsesTools(tools: CanonTool[], echo = false): WireObject[] {
  return tools.map((tool) => ({
    type: 'function',
    name: tool.name,
    ...(tool.description === undefined ? {} : { description: tool.description }),
    parameters: tool.inputSchema ?? null,
    ...(tool.strict === undefined ? (echo ? { strict: null } : {}) : { strict: tool.strict }),
  }));
}

/** Canonical tool choice → flat Responses `tool_choice`. */
export function encodeResponsesToolChoice(choice: CanonToolChoice): string | WireObject {
  return typeof choice === 'string' ? choice : { type: 'function', name: choice.toolName };
}

/** Canonical output format → Responses `text.format` (json_schema is flat here). */
export function encodeTextFormat(output: CanonOutputFormat | undefined): WireObject {
  if (!output || output.type === 'text') return { type: 'text' };
  if (!output.schema) return { type: 'json_object' };
  return {
    type: 'json_schema',
    name: output.schemaName ?? 'response',
    schema: output.schema,
    ...(output.schemaDescription === undefined ? {} : { description: output.schemaDescription }),
    ...(output.strict === undefined ? {} : { strict: output.strict }),
  };
}

/** `text` of a request or a Response: the format plus the caller's other `text` sub-fields. */
export function encodeTextConfig(request: CanonRequest, extras: unknown): WireObject {
  const carried = typeof extras === 'object' && extras !== null && !Array.isArray(extras) ? extras : {};
  return { ...carried, format: encodeTextFormat(request.output) };
}
