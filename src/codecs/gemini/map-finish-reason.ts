import type { FinishReason } from '../../canon/index.js';

const contentFilterReasons = new Set([
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_RECITATION',
]);

/** Every `Candidate.finishReason` word; an upstream Gemini word is echoed to a Gemini caller as is. */
const geminiFinishReasons = new Set([
  ...contentFilterReasons,
  'FINISH_REASON_UNSPECIFIED',
  'STOP',
  'MAX_TOKENS',
  'LANGUAGE',
  'OTHER',
  'MALFORMED_FUNCTION_CALL',
  'UNEXPECTED_TOOL_CALL',
  'TOO_MANY_TOOL_CALLS',
  'NO_IMAGE',
  'IMAGE_OTHER',
]);

/**
 * Gemini `finishReason` → canonical. A function-call answer ends with STOP, so `calledTools` turns STOP
 * into 'tool-calls'. The failed-tool-call words (MALFORMED_FUNCTION_CALL, …), LANGUAGE and OTHER are
 * 'other' with the word kept (encoders of other shapes render 'other' as a normal stop, per
 * translation.md).
 */
export function mapGeminiFinishReason(raw: string | undefined, calledTools: boolean): FinishReason {
  if (raw === undefined) return { unified: 'other' };
  if (raw === 'STOP') return { unified: calledTools ? 'tool-calls' : 'stop', raw };
  if (raw === 'MAX_TOKENS') return { unified: 'length', raw };
  if (contentFilterReasons.has(raw)) return { unified: 'content-filter', raw };
  return { unified: 'other', raw };
}

/** A blocked prompt (`promptFeedback.blockReason`, no candidates): a content filter, never an empty success. */
export function mapGeminiBlockReason(blockReason: string): FinishReason {
  return { unified: 'content-filter', raw: blockReason };
}

/** Canonical → Gemini `finishReason`; tool calls end with STOP, as Gemini's own do. */
export function encodeGeminiFinishReason(finish: FinishReason): string {
  if (finish.raw !== undefined && geminiFinishReasons.has(finish.raw)) return finish.raw;
  switch (finish.unified) {
    case 'length':
      return 'MAX_TOKENS';
    case 'content-filter':
      return 'SAFETY';
    case 'error':
      return 'OTHER';
    default:
      return 'STOP';
  }
}
