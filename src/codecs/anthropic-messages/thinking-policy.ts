import type { CanonRequest, Warning } from '../../canon/index.js';
import { isWireObject, type WireObject } from '../shared/read-fields.js';

/**
 * Thinking budgets for a reasoning effort from another API shape (gateway policy, after
 * translation.md §4.1 step 8). Anthropic's minimum budget is 1024.
 */
const budgetForEffort = { minimal: 1024, low: 1024, medium: 4096, high: 16384, xhigh: 32768 } as const;

/** The `thinking` object the canonical reasoning request asks for, if any. */
export function encodeThinking(reasoning: CanonRequest['reasoning']): WireObject | undefined {
  if (!reasoning) return undefined;
  if (reasoning.budgetTokens !== undefined) return { type: 'enabled', budget_tokens: reasoning.budgetTokens };
  // effort 'none' means "do not think": Anthropic's default, so nothing is sent.
  if (reasoning.effort === undefined || reasoning.effort === 'none') return undefined;
  return { type: 'enabled', budget_tokens: budgetForEffort[reasoning.effort] };
}

function thinkingActive(body: WireObject): boolean {
  return isWireObject(body.thinking) && body.thinking.type !== 'disabled';
}

/**
 * Drops thinking where Anthropic would reject the request, with a warning:
 * - a forced tool choice (`any`/`tool`) is not allowed with thinking;
 * - in the current tool loop (the turns after the last user turn that is not only tool results), the
 *   assistant's tool calls must be preceded by its signed thinking block. Callers of shapes that drop
 *   signatures (OpenAI Chat) cannot send it, so thinking is turned off rather than failing.
 */
export function enforceThinkingRules(body: WireObject, warnings: Warning[]): void {
  if (!thinkingActive(body)) return;
  const choice = isWireObject(body.tool_choice) ? body.tool_choice.type : undefined;
  if (choice === 'any' || choice === 'tool') {
    delete body.thinking;
    warnings.push({
      code: 'parameter-changed',
      field: 'thinking',
      message: 'thinking was disabled: Anthropic does not allow it together with a forced tool choice.',
    });
    return;
  }
  if (toolLoopLacksSignedThinking(Array.isArray(body.messages) ? body.messages : [])) {
    delete body.thinking;
    warnings.push({
      code: 'parameter-changed',
      field: 'thinking',
      message:
        'thinking was disabled: the assistant tool calls of this tool loop carry no signed thinking blocks, which Anthropic requires when thinking is on.',
    });
  }
}

function blocksOf(message: unknown): WireObject[] {
  if (!isWireObject(message) || !Array.isArray(message.content)) return [];
  return message.content.filter(isWireObject);
}

/**
 * Without interleaved thinking Claude thinks once, at the start of the assistant turn, and a whole tool
 * loop is one turn: so the loop's FIRST assistant message must start with thinking when the loop has
 * tool calls; later ones may not have any.
 */
function toolLoopLacksSignedThinking(messages: unknown[]): boolean {
  let loopStart = 0;
  messages.forEach((message, index) => {
    if (!isWireObject(message) || message.role !== 'user') return;
    const onlyResults =
      Array.isArray(message.content) && blocksOf(message).every((block) => block.type === 'tool_result');
    if (!onlyResults) loopStart = index + 1;
  });
  const assistants = messages
    .slice(loopStart)
    .filter((message) => isWireObject(message) && message.role === 'assistant')
    .map(blocksOf);
  if (!assistants.some((blocks) => blocks.some((block) => block.type === 'tool_use'))) return false;
  const first = assistants[0]?.[0]?.type;
  return first !== 'thinking' && first !== 'redacted_thinking';
}

/**
 * Anthropic requires `max_tokens` above the thinking budget (the budget counts toward it). A default is
 * raised silently to budget + default; a limit the caller set is raised to budget + that limit (the
 * answer keeps the room the caller asked for) with a warning.
 */
export function fitMaxTokens(
  body: WireObject,
  explicit: boolean,
  defaultMaxTokens: number,
  warnings: Warning[],
): void {
  if (!isWireObject(body.thinking) || body.thinking.type !== 'enabled') return;
  const budget = body.thinking.budget_tokens;
  const maxTokens = body.max_tokens;
  if (typeof budget !== 'number' || typeof maxTokens !== 'number' || maxTokens > budget) return;
  if (!explicit) {
    body.max_tokens = budget + defaultMaxTokens;
    return;
  }
  body.max_tokens = budget + maxTokens;
  warnings.push({
    code: 'parameter-changed',
    field: 'max_tokens',
    message: `max_tokens ${maxTokens} is not above the thinking budget ${budget}; raised to ${budget + maxTokens}.`,
  });
}
