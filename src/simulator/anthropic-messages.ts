import { anthropicInvalidRequest } from './anthropic-errors.js';
import { type ChatMessage, isRecord } from './chat-request.js';
import type { SimulatedError } from './errors.js';

/** Block types the Messages API accepts in a request; anything else is rejected as it is upstream. */
const BLOCK_TYPES = [
  'text',
  'image',
  'document',
  'search_result',
  'tool_use',
  'tool_result',
  'thinking',
  'redacted_thinking',
  'server_tool_use',
  'web_search_tool_result',
  'container_upload',
];
const TOOL_USE_ID = /^[a-zA-Z0-9_-]+$/;

/** One parsed message: its neutral messages plus the tool ids the tool-pairing rules need. */
interface ParsedTurn {
  messages: ChatMessage[];
  toolUseIds: string[];
  toolResultIds: string[];
}

/**
 * Validates `messages` like the Messages API does (roles, non-empty content, block shapes, every
 * `tool_use` answered by a `tool_result` in the next message and the other way round, no trailing
 * whitespace in a prefill) and translates it to neutral messages: a user message carrying
 * `tool_result` blocks becomes its text (if any) followed by one `tool` message per result, so
 * the answer quotes the result as it does on the OpenAI side.
 */
export function parseConversation(messages: readonly unknown[]): ChatMessage[] | SimulatedError {
  const neutral: ChatMessage[] = [];
  let previous: ParsedTurn | undefined;
  for (const [index, message] of messages.entries()) {
    const turn = parseTurn(message, index, index === messages.length - 1);
    if ('status' in turn) return turn;
    const pairing = checkPairing(previous, turn, index);
    if (pairing !== undefined) return pairing;
    neutral.push(...turn.messages);
    previous = turn;
  }
  return neutral;
}

function checkPairing(previous: ParsedTurn | undefined, turn: ParsedTurn, index: number) {
  const offered = previous?.toolUseIds ?? [];
  const missing = offered.filter((id) => !turn.toolResultIds.includes(id));
  if (missing.length > 0) {
    return anthropicInvalidRequest(
      `messages.${index}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
    );
  }
  const unexpected = turn.toolResultIds.filter((id) => !offered.includes(id));
  if (unexpected.length > 0) {
    return anthropicInvalidRequest(
      `messages.${index}.content: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${unexpected.join(', ')}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
    );
  }
  return undefined;
}

function parseTurn(message: unknown, index: number, isLast: boolean): ParsedTurn | SimulatedError {
  const at = `messages.${index}`;
  if (!isRecord(message)) return anthropicInvalidRequest(`${at}: Input should be a valid dictionary`);
  const { role, content } = message;
  if (role !== 'user' && role !== 'assistant') {
    return anthropicInvalidRequest(`${at}.role: Input should be 'user' or 'assistant'`);
  }
  if (content === undefined) return anthropicInvalidRequest(`${at}.content: Field required`);
  const emptyAllowed = isLast && role === 'assistant';
  if ((content === '' || (Array.isArray(content) && content.length === 0)) && !emptyAllowed) {
    return anthropicInvalidRequest(
      `${at}: all messages must have non-empty content except for the optional final assistant message`,
    );
  }
  const turn: ParsedTurn = { messages: [], toolUseIds: [], toolResultIds: [] };
  if (typeof content === 'string') {
    turn.messages.push({ role, text: content });
  } else if (Array.isArray(content)) {
    const parsed = parseBlocks(content, role, at, turn);
    if (parsed !== undefined) return parsed;
  } else {
    return anthropicInvalidRequest(`${at}.content: Input should be a valid string or a valid list`);
  }
  if (isLast && role === 'assistant' && /\s$/.test(turn.messages.at(-1)?.text ?? '')) {
    return anthropicInvalidRequest('messages: final assistant content cannot end with trailing whitespace');
  }
  return turn;
}

/** Fills the turn from content blocks; returns an error for an invalid block. */
function parseBlocks(
  blocks: readonly unknown[],
  role: 'user' | 'assistant',
  at: string,
  turn: ParsedTurn,
): SimulatedError | undefined {
  let text = '';
  const results: ChatMessage[] = [];
  for (const [position, block] of blocks.entries()) {
    const where = `${at}.content.${position}`;
    if (!isRecord(block)) return anthropicInvalidRequest(`${where}: Input should be a valid dictionary`);
    const type = String(block.type);
    if (!BLOCK_TYPES.includes(type)) {
      return anthropicInvalidRequest(
        `${where}: Input tag '${type}' found using 'type' does not match any of the expected tags: ${BLOCK_TYPES.map((name) => `'${name}'`).join(', ')}`,
      );
    }
    const placement = checkPlacement(type, role, where);
    if (placement !== undefined) return placement;
    switch (type) {
      case 'text':
        if (typeof block.text !== 'string') return anthropicInvalidRequest(`${where}.text: Field required`);
        if (block.text === '')
          return anthropicInvalidRequest('messages: text content blocks must be non-empty');
        text += block.text;
        break;
      case 'image':
      case 'document':
        if (!isRecord(block.source))
          return anthropicInvalidRequest(`${where}.${type}.source: Field required`);
        if (block.source.type === 'text' && typeof block.source.data === 'string') text += block.source.data;
        break;
      case 'tool_use': {
        const error = toolUseError(block, where);
        if (error !== undefined) return error;
        turn.toolUseIds.push(String(block.id));
        text += `${String(block.name)}${JSON.stringify(block.input)}`;
        break;
      }
      case 'tool_result':
        if (typeof block.tool_use_id !== 'string') {
          return anthropicInvalidRequest(`${where}.tool_result.tool_use_id: Field required`);
        }
        turn.toolResultIds.push(block.tool_use_id);
        results.push({ role: 'tool', text: resultText(block.content) });
        break;
      case 'thinking':
        if (typeof block.signature !== 'string') {
          return anthropicInvalidRequest(`${where}.thinking.signature: Field required`);
        }
        // Earlier thinking is not part of the prompt upstream either, so it adds no text.
        break;
    }
  }
  // The text goes first so the tool results stay last and the answer quotes them.
  if (text !== '' || results.length === 0) turn.messages.push({ role, text });
  turn.messages.push(...results);
  return undefined;
}

function checkPlacement(type: string, role: 'user' | 'assistant', where: string): SimulatedError | undefined {
  if (role === 'user' && (type === 'tool_use' || type === 'thinking' || type === 'redacted_thinking')) {
    return anthropicInvalidRequest(`${where}: \`${type}\` blocks can only be in \`assistant\` messages`);
  }
  if (role === 'assistant' && type === 'tool_result') {
    return anthropicInvalidRequest(`${where}: \`tool_result\` blocks can only be in \`user\` messages`);
  }
  return undefined;
}

function toolUseError(block: Record<string, unknown>, where: string): SimulatedError | undefined {
  if (typeof block.id !== 'string') return anthropicInvalidRequest(`${where}.tool_use.id: Field required`);
  if (!TOOL_USE_ID.test(block.id)) {
    return anthropicInvalidRequest(`${where}.tool_use.id: String should match pattern '^[a-zA-Z0-9_-]+$'`);
  }
  if (typeof block.name !== 'string')
    return anthropicInvalidRequest(`${where}.tool_use.name: Field required`);
  if (!isRecord(block.input)) {
    return anthropicInvalidRequest(`${where}.tool_use.input: Input should be a valid dictionary`);
  }
  return undefined;
}

/** The text of a `tool_result`: its string content or its text blocks joined. */
function resultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  const texts: string[] = [];
  for (const block of content) {
    if (isRecord(block) && block.type === 'text' && typeof block.text === 'string') texts.push(block.text);
  }
  return texts.join('\n');
}
