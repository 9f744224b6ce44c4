import type { FinishReason } from '../../canon/index.js';

/** Every `stop_reason` Anthropic documents; a finish whose raw word is one of these is re-emitted as is. */
const anthropicStopReasons: ReadonlySet<string> = new Set([
  'end_turn',
  'max_tokens',
  'stop_sequence',
  'tool_use',
  'pause_turn',
  'refusal',
  'model_context_window_exceeded',
]);

/**
 * Anthropic `stop_reason` → canonical. `pause_turn` (a server-tool loop paused) counts as a stop, and
 * running out of context window as `length`, as translation.md §2 says.
 * @see https://docs.anthropic.com/en/api/handling-stop-reasons
 */
export function mapAnthropicFinishReason(raw: string | null | undefined): FinishReason {
  switch (raw) {
    case 'end_turn':
    case 'stop_sequence':
    case 'pause_turn':
      return { unified: 'stop', raw };
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return { unified: 'length', raw };
    case 'tool_use':
      return { unified: 'tool-calls', raw };
    case 'refusal':
      return { unified: 'content-filter', raw };
    case null:
    case undefined:
      return { unified: 'other' };
    default:
      return { unified: 'other', raw };
  }
}

/** Canonical → Anthropic `stop_reason`; Anthropic's own word is kept when the upstream gave one. */
export function encodeAnthropicStopReason(finish: FinishReason): string {
  if (finish.raw !== undefined && anthropicStopReasons.has(finish.raw)) return finish.raw;
  switch (finish.unified) {
    case 'length':
      return 'max_tokens';
    case 'tool-calls':
      return 'tool_use';
    case 'content-filter':
      return 'refusal';
    default:
      return 'end_turn';
  }
}
