import { anthropicInvalidRequest } from './anthropic-errors.js';
import { parseConversation } from './anthropic-messages.js';
import {
  type ChatMessage,
  type ChatRequest,
  isRecord,
  type ResponseFormat,
  type ToolChoice,
  type ToolDefinition,
} from './chat-request.js';
import type { SimulatedError } from './errors.js';

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,128}$/;
const MINIMUM_THINKING_BUDGET = 1024;

/**
 * Validates a Messages body (or a count_tokens body, which has no `max_tokens`) the way the API
 * does and translates it to the neutral request the answer is built from.
 */
export function parseMessagesRequest(
  body: Record<string, unknown>,
  model: string,
  forCounting = false,
): ChatRequest | SimulatedError {
  const maxTokens = forCounting ? undefined : parseMaxTokens(body.max_tokens);
  if (typeof maxTokens === 'object') return maxTokens;
  const { messages } = body;
  if (messages === undefined) return anthropicInvalidRequest('messages: Field required');
  if (!Array.isArray(messages)) return anthropicInvalidRequest('messages: Input should be a valid list');
  if (messages.length === 0) return anthropicInvalidRequest('messages: at least one message is required');
  const system = parseSystem(body.system);
  if (!Array.isArray(system)) return system;
  const conversation = parseConversation(messages);
  if (!Array.isArray(conversation)) return conversation;
  const stop = parseStopSequences(body.stop_sequences);
  if (!Array.isArray(stop)) return stop;
  const tools = parseTools(body.tools);
  if (!Array.isArray(tools)) return tools;
  const choice = parseToolChoice(body.tool_choice, tools);
  if ('status' in choice) return choice;
  const thinking = parseThinking(body.thinking, maxTokens, choice.toolChoice);
  if (typeof thinking !== 'boolean') return thinking;
  const responseFormat = parseOutputFormat(body);
  if ('status' in responseFormat) return responseFormat;
  return {
    model,
    messages: [...system, ...conversation],
    stream: body.stream === true,
    includeUsage: false,
    n: 1,
    maxTokens,
    stop,
    seed: undefined,
    logprobs: false,
    topLogprobs: 0,
    tools,
    toolChoice: choice.toolChoice,
    parallelToolCalls: choice.parallel,
    responseFormat,
    thinking,
  };
}

function parseMaxTokens(value: unknown): number | SimulatedError {
  if (value === undefined || value === null) return anthropicInvalidRequest('max_tokens: Field required');
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return anthropicInvalidRequest('max_tokens: Input should be a valid integer');
  }
  if (value < 1) return anthropicInvalidRequest('max_tokens: Input should be greater than or equal to 1');
  return value;
}

/** `system` as a string or text blocks; one neutral system message, as OpenAI's would be. */
function parseSystem(system: unknown): ChatMessage[] | SimulatedError {
  if (system === undefined || system === null || system === '') return [];
  if (typeof system === 'string') return [{ role: 'system', text: system }];
  if (!Array.isArray(system))
    return anthropicInvalidRequest('system: Input should be a valid string or list');
  const texts: string[] = [];
  for (const [index, block] of system.entries()) {
    if (!isRecord(block) || block.type !== 'text' || typeof block.text !== 'string') {
      return anthropicInvalidRequest(`system.${index}: Input should be a valid text block`);
    }
    if (block.text === '') return anthropicInvalidRequest('system: text content blocks must be non-empty');
    texts.push(block.text);
  }
  return texts.length === 0 ? [] : [{ role: 'system', text: texts.join('\n') }];
}

function parseStopSequences(value: unknown): string[] | SimulatedError {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    return anthropicInvalidRequest('stop_sequences: Input should be a valid list of strings');
  }
  return value.filter((item) => item !== '');
}

/** Client tools become callable; server tools (`web_search_...`) are accepted and never called. */
function parseTools(tools: unknown): ToolDefinition[] | SimulatedError {
  if (tools === undefined || tools === null) return [];
  if (!Array.isArray(tools)) return anthropicInvalidRequest('tools: Input should be a valid list');
  const parsed: ToolDefinition[] = [];
  for (const [index, tool] of tools.entries()) {
    if (!isRecord(tool)) return anthropicInvalidRequest(`tools.${index}: Input should be a valid dictionary`);
    if (typeof tool.name !== 'string') return anthropicInvalidRequest(`tools.${index}.name: Field required`);
    if (tool.type !== undefined && tool.type !== null && tool.type !== 'custom') continue;
    if (!TOOL_NAME.test(tool.name)) {
      return anthropicInvalidRequest(
        `tools.${index}.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`,
      );
    }
    if (!isRecord(tool.input_schema)) {
      return anthropicInvalidRequest(`tools.${index}.custom.input_schema: Field required`);
    }
    parsed.push({ name: tool.name, parameters: tool.input_schema });
  }
  return parsed;
}

function parseToolChoice(
  choice: unknown,
  tools: readonly ToolDefinition[],
): { toolChoice: ToolChoice; parallel: boolean } | SimulatedError {
  if (choice === undefined || choice === null) {
    return { toolChoice: tools.length > 0 ? 'auto' : 'none', parallel: true };
  }
  if (!isRecord(choice)) return anthropicInvalidRequest('tool_choice: Input should be a valid dictionary');
  const parallel = choice.disable_parallel_tool_use !== true;
  switch (choice.type) {
    case 'auto':
      return { toolChoice: tools.length > 0 ? 'auto' : 'none', parallel };
    case 'any':
      return { toolChoice: 'required', parallel };
    case 'none':
      return { toolChoice: 'none', parallel };
    case 'tool': {
      const { name } = choice;
      if (typeof name !== 'string') return anthropicInvalidRequest('tool_choice.tool.name: Field required');
      if (!tools.some((tool) => tool.name === name)) {
        return anthropicInvalidRequest(`tool_choice: Tool '${name}' not found in tools`);
      }
      return { toolChoice: { name }, parallel };
    }
    default:
      return anthropicInvalidRequest(
        `tool_choice: Input tag '${String(choice.type)}' found using 'type' does not match any of the expected tags: 'auto', 'any', 'tool', 'none'`,
      );
  }
}

/**
 * The `thinking` setting: `thinking-N` thinks unless it is disabled. The budget rules are the
 * API's, so a gateway translating reasoning settings gets the same 400s it would get upstream.
 */
function parseThinking(
  thinking: unknown,
  maxTokens: number | undefined,
  toolChoice: ToolChoice,
): boolean | SimulatedError {
  if (thinking === undefined || thinking === null) return true;
  if (!isRecord(thinking)) return anthropicInvalidRequest('thinking: Input should be a valid dictionary');
  if (thinking.type === 'disabled') return false;
  if (thinking.type !== 'enabled' && thinking.type !== 'adaptive') {
    return anthropicInvalidRequest(
      `thinking: Input tag '${String(thinking.type)}' found using 'type' does not match any of the expected tags: 'enabled', 'disabled', 'adaptive'`,
    );
  }
  if (toolChoice === 'required' || typeof toolChoice === 'object') {
    return anthropicInvalidRequest('Thinking may not be enabled when tool_choice forces tool use.');
  }
  if (thinking.type === 'adaptive') return true;
  const budget = thinking.budget_tokens;
  if (typeof budget !== 'number' || !Number.isInteger(budget)) {
    return anthropicInvalidRequest('thinking.enabled.budget_tokens: Field required');
  }
  if (budget < MINIMUM_THINKING_BUDGET) {
    return anthropicInvalidRequest(
      `thinking.enabled.budget_tokens: Input should be greater than or equal to ${MINIMUM_THINKING_BUDGET}`,
    );
  }
  if (maxTokens !== undefined && maxTokens <= budget) {
    return anthropicInvalidRequest('`max_tokens` must be greater than `thinking.budget_tokens`.');
  }
  return true;
}

/** Structured outputs: `output_config.format` (or the older `output_format`) with a JSON schema. */
function parseOutputFormat(body: Record<string, unknown>): ResponseFormat | SimulatedError {
  const format = isRecord(body.output_config) ? body.output_config.format : body.output_format;
  if (format === undefined || format === null) return { type: 'text' };
  if (!isRecord(format) || format.type !== 'json_schema') {
    return anthropicInvalidRequest("output_config.format.type: Input should be 'json_schema'");
  }
  if (!isRecord(format.schema)) return anthropicInvalidRequest('output_config.format.schema: Field required');
  return { type: 'json_schema', schema: format.schema };
}
