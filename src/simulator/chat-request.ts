import { invalidRequest, missingParameter, type SimulatedError } from './errors.js';

/** One message reduced to what the simulator needs: its role and its text. */
export interface ChatMessage {
  role: string;
  text: string;
}

/** A function tool the caller offered. */
export interface ToolDefinition {
  name: string;
  parameters: unknown;
}

/** `tool_choice` normalised: a mode, or the name of the forced tool. */
export type ToolChoice = 'none' | 'auto' | 'required' | { name: string };

/** What `response_format` asks for. */
export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; schema: unknown };

/**
 * A validated request in the protocol-neutral form the answer is built from: Chat Completions
 * fills it directly, Anthropic Messages and Gemini generateContent translate into it.
 */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  stream: boolean;
  includeUsage: boolean;
  n: number;
  maxTokens: number | undefined;
  stop: string[];
  seed: number | undefined;
  logprobs: boolean;
  topLogprobs: number;
  tools: ToolDefinition[];
  toolChoice: ToolChoice;
  parallelToolCalls: boolean;
  responseFormat: ResponseFormat;
  /** Whether `thinking-N` may think (Anthropic's `thinking: {type: "disabled"}` turns it off). */
  thinking: boolean;
}

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function']);

/** Narrows to a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates a request body the way OpenAI does (the usual checks, same messages and `param`s). */
export function parseChatRequest(body: Record<string, unknown>, model: string): ChatRequest | SimulatedError {
  const { messages } = body;
  if (messages === undefined) return missingParameter('messages');
  if (!Array.isArray(messages)) return invalidType('messages', 'an array of objects', messages);
  if (messages.length === 0) {
    return invalidRequest(
      "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      'messages',
      'empty_array',
    );
  }
  const parsedMessages: ChatMessage[] = [];
  for (const [index, message] of messages.entries()) {
    const parsed = parseMessage(message, index);
    if ('status' in parsed) return parsed;
    parsedMessages.push(parsed);
  }
  const stream = body.stream === true;
  if (body.stream_options != null && !stream) {
    return invalidRequest(
      "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
      'stream_options',
      'invalid_value',
    );
  }
  const n = optionalInteger(body, 'n', 1, 128);
  if (typeof n !== 'number' && n !== undefined) return n;
  const maxCompletion = optionalInteger(body, 'max_completion_tokens', 1);
  if (typeof maxCompletion === 'object') return maxCompletion;
  const maxTokens = optionalInteger(body, 'max_tokens', 1);
  if (typeof maxTokens === 'object') return maxTokens;
  const topLogprobs = optionalInteger(body, 'top_logprobs', 0, 20);
  if (typeof topLogprobs === 'object') return topLogprobs;
  const stop = parseStop(body.stop);
  if (!Array.isArray(stop)) return stop;
  const tools = parseTools(body.tools);
  if (!Array.isArray(tools)) return tools;
  const toolChoice = parseToolChoice(body.tool_choice, tools);
  if (typeof toolChoice === 'object' && 'status' in toolChoice) return toolChoice;
  const responseFormat = parseResponseFormat(body.response_format);
  if ('status' in responseFormat) return responseFormat;
  return {
    model,
    messages: parsedMessages,
    stream,
    includeUsage: stream && isRecord(body.stream_options) && body.stream_options.include_usage === true,
    n: n ?? 1,
    maxTokens: maxCompletion ?? maxTokens,
    stop,
    seed: typeof body.seed === 'number' ? body.seed : undefined,
    logprobs: body.logprobs === true,
    topLogprobs: body.logprobs === true ? (topLogprobs ?? 0) : 0,
    tools,
    toolChoice,
    parallelToolCalls: body.parallel_tool_calls !== false,
    responseFormat,
    thinking: true,
  };
}

function parseMessage(message: unknown, index: number): ChatMessage | SimulatedError {
  const param = `messages[${index}]`;
  if (!isRecord(message)) return invalidType(param, 'an object', message);
  const { role } = message;
  if (role === undefined) return missingParameter(`${param}.role`);
  if (typeof role !== 'string' || !ROLES.has(role)) {
    return invalidRequest(
      `Invalid value: '${String(role)}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.`,
      `${param}.role`,
      'invalid_value',
    );
  }
  if (role === 'tool' && typeof message.tool_call_id !== 'string')
    return missingParameter(`${param}.tool_call_id`);
  if (message.content === undefined && role !== 'assistant') return missingParameter(`${param}.content`);
  let text = contentText(message.content);
  if (typeof message.name === 'string') text = text === '' ? message.name : `${message.name}\n${text}`;
  if (Array.isArray(message.tool_calls)) {
    for (const call of message.tool_calls) {
      if (isRecord(call) && isRecord(call.function)) {
        text += `${String(call.function.name ?? '')}${String(call.function.arguments ?? '')}`;
      }
    }
  }
  return { role, text };
}

/** Joins the text of a string or content-part array; non-text parts contribute nothing. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const part of content) {
    if (isRecord(part) && typeof part.text === 'string') text += part.text;
    else if (isRecord(part) && typeof part.refusal === 'string') text += part.refusal;
  }
  return text;
}

function optionalInteger(
  body: Record<string, unknown>,
  name: string,
  minimum: number,
  maximum = Number.MAX_SAFE_INTEGER,
): number | undefined | SimulatedError {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) return invalidType(name, 'an integer', value);
  if (value < minimum || value > maximum) {
    return invalidRequest(
      `Invalid '${name}': integer ${value} is out of range. Expected a value between ${minimum} and ${maximum}.`,
      name,
      'integer_out_of_range',
    );
  }
  return value;
}

function parseStop(stop: unknown): string[] | SimulatedError {
  if (stop === undefined || stop === null) return [];
  if (typeof stop === 'string') return stop === '' ? [] : [stop];
  if (Array.isArray(stop) && stop.length <= 4 && stop.every((item) => typeof item === 'string')) {
    return stop.filter((item) => item !== '');
  }
  return invalidType('stop', 'a string or an array of at most 4 strings', stop);
}

function parseTools(tools: unknown): ToolDefinition[] | SimulatedError {
  if (tools === undefined || tools === null) return [];
  if (!Array.isArray(tools)) return invalidType('tools', 'an array of objects', tools);
  const parsed: ToolDefinition[] = [];
  for (const [index, tool] of tools.entries()) {
    if (!isRecord(tool)) return invalidType(`tools[${index}]`, 'an object', tool);
    if (tool.type !== 'function') continue;
    if (!isRecord(tool.function) || typeof tool.function.name !== 'string') {
      return missingParameter(`tools[${index}].function.name`);
    }
    parsed.push({ name: tool.function.name, parameters: tool.function.parameters });
  }
  return parsed;
}

function parseToolChoice(choice: unknown, tools: ToolDefinition[]): ToolChoice | SimulatedError {
  if (choice === undefined || choice === null) return tools.length > 0 ? 'auto' : 'none';
  if (choice === 'none' || choice === 'auto' || choice === 'required') return choice;
  if (isRecord(choice) && choice.type === 'function' && isRecord(choice.function)) {
    const name = choice.function.name;
    if (typeof name === 'string' && tools.some((tool) => tool.name === name)) return { name };
    return invalidRequest(
      `Invalid value for 'tool_choice': tool '${String(name)}' not found in 'tools'.`,
      'tool_choice',
      'invalid_value',
    );
  }
  if (isRecord(choice) && choice.type === 'allowed_tools' && isRecord(choice.allowed_tools)) {
    const allowed = choice.allowed_tools.tools;
    const first = Array.isArray(allowed)
      ? allowed.find((tool) => isRecord(tool) && isRecord(tool.function))
      : undefined;
    // The simulator always calls a tool when it may, so both modes pick the first allowed one.
    if (isRecord(first) && isRecord(first.function) && typeof first.function.name === 'string') {
      return { name: first.function.name };
    }
  }
  return invalidRequest("Invalid value for 'tool_choice'.", 'tool_choice', 'invalid_value');
}

function parseResponseFormat(format: unknown): ResponseFormat | SimulatedError {
  if (format === undefined || format === null) return { type: 'text' };
  if (!isRecord(format)) return invalidType('response_format', 'an object', format);
  if (format.type === 'text') return { type: 'text' };
  if (format.type === 'json_object') return { type: 'json_object' };
  if (format.type === 'json_schema') {
    if (!isRecord(format.json_schema)) return missingParameter('response_format.json_schema');
    if (typeof format.json_schema.name !== 'string')
      return missingParameter('response_format.json_schema.name');
    return { type: 'json_schema', schema: format.json_schema.schema ?? {} };
  }
  return invalidRequest(
    `Invalid value: '${String(format.type)}'. Supported values are: 'text', 'json_object', and 'json_schema'.`,
    'response_format.type',
    'invalid_value',
  );
}

function invalidType(param: string, expected: string, value: unknown): SimulatedError {
  const actual = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
  return invalidRequest(
    `Invalid type for '${param}': expected ${expected}, but got ${actual} instead.`,
    param,
    'invalid_type',
  );
}
