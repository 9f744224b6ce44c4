import type { AssistantMessage, CanonMessage, TextPart, UserMessage, Warning } from '../../canon/index.js';
import type { WireObject } from '../shared/read-fields.js';
import {
  applyBlockExtras,
  encodeFileBlock,
  encodeImageBlock,
  encodeReasoningBlock,
  encodeTextBlock,
  encodeToolResultBlock,
  encodeToolUseBlock,
} from './encode-content-blocks.js';
import { anthropicShape, contentExtrasKey, contentExtrasOf } from './vendor-fields.js';

/** The conversation in Anthropic's terms: system text blocks apart, then alternating turns. */
export interface EncodedConversation {
  system: TextPart[];
  messages: WireObject[];
}

interface Turn {
  role: 'user' | 'assistant';
  /** `tool_result` blocks, which Anthropic wants first in their user turn. */
  results: WireObject[];
  blocks: WireObject[];
  fields: WireObject;
}

/**
 * Canonical messages → Anthropic `system` and `messages`: system (and `developer`) messages are hoisted
 * into `system`; consecutive same-role turns are merged; tool results (one canonical message each, from
 * OpenAI) join the single next user turn, ahead of its text; the first turn is a user turn.
 */
export function encodeAnthropicMessages(messages: CanonMessage[], warnings: Warning[]): EncodedConversation {
  const system: TextPart[] = [];
  const turns: Turn[] = [];
  messages.forEach((message, index) => {
    const path = `messages[${index}]`;
    if (message.role === 'system') {
      if (turns.length > 0) {
        warnings.push({
          code: 'parameter-changed',
          field: path,
          message:
            "a system message inside the conversation was moved into Anthropic's top-level system prompt.",
        });
      }
      system.push(...message.content);
      return;
    }
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    let turn = turns.at(-1);
    if (turn?.role !== role) {
      turn = { role, results: [], blocks: [], fields: {} };
      turns.push(turn);
    }
    addMessage(turn, message, path, warnings);
  });
  const wire = turns.filter((turn) => turn.results.length + turn.blocks.length > 0).map(encodeTurn);
  if (wire[0]?.role !== 'user') {
    warnings.push({
      code: 'parameter-changed',
      field: 'messages',
      message:
        'Anthropic needs the conversation to open with a user turn; a "Continue." user turn was added.',
    });
    wire.unshift({ role: 'user', content: 'Continue.' });
  }
  return { system, messages: wire };
}

function addMessage(
  turn: Turn,
  message: Exclude<CanonMessage, { role: 'system' }>,
  path: string,
  warnings: Warning[],
): void {
  const extras = contentExtrasOf(message.vendor);
  const own = message.vendor?.[anthropicShape];
  for (const key in own) if (key !== contentExtrasKey) turn.fields[key] = own[key];
  message.content.forEach((part, index) => {
    const partExtras = extras[String(index)];
    const context = { path: `${path}.content[${index}]`, warnings };
    if (part.type === 'tool-result') {
      turn.results.push(encodeToolResultBlock(part, partExtras));
      return;
    }
    const block =
      message.role === 'assistant'
        ? encodeAssistantPart(part as AssistantMessage['content'][number], context)
        : encodeUserPart(part as UserMessage['content'][number], context);
    if (block) turn.blocks.push(applyBlockExtras(block, partExtras));
  });
}

function encodeUserPart(
  part: UserMessage['content'][number],
  context: { path: string; warnings: Warning[] },
): WireObject | undefined {
  switch (part.type) {
    case 'text':
      // Anthropic rejects empty text blocks; an empty one carries nothing.
      return part.text.length === 0 ? undefined : encodeTextBlock(part);
    case 'image':
      return encodeImageBlock(part, context);
    case 'file':
      return encodeFileBlock(part, context);
  }
}

function encodeAssistantPart(
  part: AssistantMessage['content'][number],
  context: { path: string; warnings: Warning[] },
): WireObject | undefined {
  switch (part.type) {
    case 'text':
      return part.text.trim().length === 0 ? undefined : encodeTextBlock(part);
    case 'refusal':
      return part.text.length === 0 ? undefined : { type: 'text', text: part.text };
    case 'reasoning':
      return encodeReasoningBlock(part, context);
    case 'tool-call':
      return encodeToolUseBlock(part, context);
  }
}

/** A turn holding one plain text block travels as a string, Anthropic's shortest equivalent form. */
function encodeTurn(turn: Turn): WireObject {
  const content = [...turn.results, ...turn.blocks];
  const only = content.length === 1 ? content[0] : undefined;
  const plain = only?.type === 'text' && Object.keys(only).length === 2 && typeof only.text === 'string';
  return { role: turn.role, content: plain ? only.text : content, ...turn.fields };
}
