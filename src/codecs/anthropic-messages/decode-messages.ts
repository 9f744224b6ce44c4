import type {
  AssistantMessage,
  CanonMessage,
  SystemMessage,
  TextPart,
  ToolMessage,
  UserMessage,
} from '../../canon/index.js';
import {
  describeType,
  expectArray,
  expectObject,
  invalidField,
  joinPath,
  missingField,
  pickUnknown,
  type WireObject,
} from '../shared/read-fields.js';
import {
  type DecodedBlock,
  decodeDocumentBlock,
  decodeImageBlock,
  decodeRedactedThinkingBlock,
  decodeTextBlock,
  decodeThinkingBlock,
  decodeToolResultBlock,
  decodeToolUseBlock,
} from './decode-content-blocks.js';
import { anthropicShape, contentExtrasKey } from './vendor-fields.js';

const knownMessageKeys: ReadonlySet<string> = new Set(['role', 'content']);

/** Top-level `system` (a string or text blocks) → one canonical system message. */
export function decodeAnthropicSystem(value: unknown): SystemMessage | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') {
    return value.length === 0 ? undefined : { role: 'system', content: [{ type: 'text', text: value }] };
  }
  return collect('system', decodeTextBlocks(value, 'system'));
}

function decodeTextBlocks(value: unknown, path: string): Array<DecodedBlock<TextPart>> {
  return expectArray(value, path).map((item, index) => {
    const blockPath = `${path}[${index}]`;
    const block = expectObject(item, blockPath);
    if (block.type !== 'text') {
      invalidField(joinPath(blockPath, 'type'), `expected 'text', got ${describeType(block.type)}.`);
    }
    return decodeTextBlock(block, blockPath);
  });
}

/**
 * Decodes `messages`. A user turn's `tool_result` blocks become canonical `tool` messages, in place:
 * `[result, result, text]` gives a tool message with two results, then a user message.
 */
export function decodeAnthropicMessages(value: unknown): CanonMessage[] {
  if (value === undefined || value === null) missingField('messages');
  const list = expectArray(value, 'messages');
  if (list.length === 0) invalidField('messages', 'expected a non-empty array of messages.');
  const toolNames = new Map<string, string>();
  const messages: CanonMessage[] = [];
  list.forEach((item, index) => {
    const path = `messages[${index}]`;
    const wire = expectObject(item, path);
    const decoded = decodeMessage(wire, path, toolNames);
    const extras = pickUnknown(wire, knownMessageKeys);
    const first = decoded[0];
    if (extras && first)
      first.vendor = { [anthropicShape]: { ...first.vendor?.[anthropicShape], ...extras } };
    messages.push(...decoded);
  });
  return messages;
}

function decodeMessage(wire: WireObject, path: string, toolNames: Map<string, string>): CanonMessage[] {
  const role = wire.role;
  if (role === undefined || role === null) missingField(joinPath(path, 'role'));
  const contentPath = joinPath(path, 'content');
  if (wire.content === undefined || wire.content === null) missingField(contentPath);
  switch (role) {
    case 'user':
      return decodeUserTurn(wire.content, contentPath, toolNames);
    case 'assistant':
      return [decodeAssistantTurn(wire.content, contentPath, toolNames)];
    case 'system': {
      // Newer API versions allow system turns mid-conversation; the hub has a role for them.
      if (typeof wire.content === 'string')
        return [{ role: 'system', content: [{ type: 'text', text: wire.content }] }];
      return [collect('system', decodeTextBlocks(wire.content, contentPath))];
    }
    default:
      return invalidField(
        joinPath(path, 'role'),
        `expected 'user' or 'assistant', got ${describeType(role)}.`,
      );
  }
}

/** Builds a message from decoded blocks, keeping each block's unknown keys by part index. */
function collect<Message extends CanonMessage>(
  role: Message['role'],
  blocks: Array<DecodedBlock<Message['content'][number]>>,
): Message {
  const message = { role, content: blocks.map((block) => block.part) } as Message;
  const extras: Record<string, WireObject> = {};
  blocks.forEach((block, index) => {
    if (block.extras) extras[String(index)] = block.extras;
  });
  if (Object.keys(extras).length > 0) message.vendor = { [anthropicShape]: { [contentExtrasKey]: extras } };
  return message;
}

function blocksOf(value: unknown, path: string): Array<{ block: WireObject; path: string }> {
  const list = expectArray(value, path);
  return list.map((item, index) => {
    const blockPath = `${path}[${index}]`;
    return { block: expectObject(item, blockPath), path: blockPath };
  });
}

function decodeUserTurn(
  content: unknown,
  path: string,
  toolNames: ReadonlyMap<string, string>,
): CanonMessage[] {
  if (typeof content === 'string') return [{ role: 'user', content: [{ type: 'text', text: content }] }];
  const messages: CanonMessage[] = [];
  let userBlocks: Array<DecodedBlock<UserMessage['content'][number]>> = [];
  let resultBlocks: Array<DecodedBlock<ToolMessage['content'][number]>> = [];
  const flushUser = () => {
    if (userBlocks.length > 0) messages.push(collect<UserMessage>('user', userBlocks));
    userBlocks = [];
  };
  const flushResults = () => {
    if (resultBlocks.length > 0) messages.push(collect<ToolMessage>('tool', resultBlocks));
    resultBlocks = [];
  };
  for (const { block, path: blockPath } of blocksOf(content, path)) {
    if (block.type === 'tool_result') {
      flushUser();
      resultBlocks.push(decodeToolResultBlock(block, blockPath, toolNames));
      continue;
    }
    flushResults();
    switch (block.type) {
      case 'text':
        userBlocks.push(decodeTextBlock(block, blockPath));
        break;
      case 'image':
        userBlocks.push(decodeImageBlock(block, blockPath));
        break;
      case 'document':
        userBlocks.push(decodeDocumentBlock(block, blockPath));
        break;
      default:
        invalidField(
          joinPath(blockPath, 'type'),
          `expected one of 'text', 'image', 'document', 'tool_result' in a user turn, got ${describeType(block.type)}.`,
        );
    }
  }
  flushUser();
  flushResults();
  if (messages.length === 0) invalidField(path, 'expected a string or a non-empty array of content blocks.');
  return messages;
}

function decodeAssistantTurn(
  content: unknown,
  path: string,
  toolNames: Map<string, string>,
): AssistantMessage {
  if (typeof content === 'string') {
    return { role: 'assistant', content: content.length > 0 ? [{ type: 'text', text: content }] : [] };
  }
  const blocks = blocksOf(content, path).map(({ block, path: blockPath }) => {
    switch (block.type) {
      case 'text':
        return decodeTextBlock(block, blockPath);
      case 'tool_use': {
        const decoded = decodeToolUseBlock(block, blockPath);
        toolNames.set(decoded.part.callId, decoded.part.toolName);
        return decoded;
      }
      case 'thinking':
        return decodeThinkingBlock(block, blockPath);
      case 'redacted_thinking':
        return decodeRedactedThinkingBlock(block, blockPath);
      default:
        return invalidField(
          joinPath(blockPath, 'type'),
          `expected one of 'text', 'tool_use', 'thinking', 'redacted_thinking' in an assistant turn, got ${describeType(block.type)}.`,
        );
    }
  });
  return collect<AssistantMessage>('assistant', blocks);
}
