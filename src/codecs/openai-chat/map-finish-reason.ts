import type { FinishReason } from '../../canon/index.js';

/** OpenAI `finish_reason` → canonical. */
export function mapOpenAiFinishReason(raw: string | null | undefined): FinishReason {
  switch (raw) {
    case 'stop':
      return { unified: 'stop', raw };
    case 'length':
      return { unified: 'length', raw };
    case 'tool_calls':
    case 'function_call':
      return { unified: 'tool-calls', raw };
    case 'content_filter':
      return { unified: 'content-filter', raw };
    case null:
    case undefined:
      return { unified: 'other' };
    default:
      return { unified: 'other', raw };
  }
}

/** Canonical → OpenAI `finish_reason`; the upstream's own word is kept when it was OpenAI's. */
export function encodeOpenAiFinishReason(finish: FinishReason): string {
  switch (finish.unified) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'tool-calls':
      return 'tool_calls';
    case 'content-filter':
      return 'content_filter';
    default:
      return 'stop';
  }
}
