import type { ChatAnswer, ChoiceAnswer } from './answer.js';
import type { ToolCallAnswer } from './answer-tools.js';
import { isRecord } from './chat-request.js';
import type { ChatUsage } from './usage.js';

/** Anthropic's `stop_reason` values the simulator produces. */
export type StopReason = 'end_turn' | 'max_tokens' | 'tool_use' | 'stop_sequence';

/** The usage object of a Messages answer. */
export interface MessagesUsage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  output_tokens: number;
}

/** Maps the neutral finish reason; a matched stop sequence is `stop_sequence`, not `end_turn`. */
export function stopReason(choice: ChoiceAnswer): StopReason {
  if (choice.finishReason === 'length') return 'max_tokens';
  if (choice.finishReason === 'tool_calls') return 'tool_use';
  return choice.stopSequence === null ? 'end_turn' : 'stop_sequence';
}

/**
 * Anthropic's usage: `input_tokens` excludes the cached part (reported as
 * `cache_read_input_tokens`), `output_tokens` includes thinking and `reasoning-N` tokens.
 */
export function messagesUsage(usage: ChatUsage): MessagesUsage {
  const cached = usage.prompt_tokens_details.cached_tokens;
  return {
    input_tokens: usage.prompt_tokens - cached,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: cached,
    output_tokens: usage.completion_tokens,
  };
}

/** `toolu_` plus the 24 characters of the neutral call id, so both protocols name a call alike. */
export function toolUseId(call: ToolCallAnswer): string {
  return `toolu_${call.id.slice(call.id.indexOf('_') + 1)}`;
}

/** The arguments as an object; arguments cut by `max_tokens` are no valid JSON and become `{}`. */
export function toolInput(call: ToolCallAnswer): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(call.arguments);
    return isRecord(value) ? value : {};
  } catch {
    return {};
  }
}

/** The `content` blocks in order: thinking, text (when not empty), tool uses. */
export function contentBlocks(choice: ChoiceAnswer): Record<string, unknown>[] {
  const blocks: Record<string, unknown>[] = [];
  if (choice.thinking !== null) {
    blocks.push({ type: 'thinking', thinking: choice.thinking.text, signature: choice.thinking.signature });
  }
  if (choice.content !== null && choice.content !== '') blocks.push({ type: 'text', text: choice.content });
  for (const call of choice.toolCalls) {
    blocks.push({ type: 'tool_use', id: toolUseId(call), name: call.name, input: toolInput(call) });
  }
  return blocks;
}

/** Everything of a `message` body after `model`, serialised once per distinct request. */
export function renderMessageTail(answer: ChatAnswer): string {
  const choice = answer.choices[0];
  if (choice === undefined) throw new Error('an answer without a choice');
  const usage = { ...messagesUsage(answer.usage), service_tier: 'standard' };
  return `"content":${JSON.stringify(contentBlocks(choice))},"stop_reason":"${stopReason(choice)}","stop_sequence":${JSON.stringify(choice.stopSequence)},"usage":${JSON.stringify(usage)}}`;
}

/** Assembles a full `message` body from its per-request head and the cached tail. */
export function renderMessageJson(id: string, model: string, tail: string): string {
  return `{"id":"${id}","type":"message","role":"assistant","model":${JSON.stringify(model)},${tail}`;
}
