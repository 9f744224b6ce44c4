import type { CanonResponse } from '../../canon/index.js';
import { encodeOpenAiFinishReason } from '../openai-chat/map-finish-reason.js';
import { encodeOpenAiUsage } from '../openai-chat/map-usage.js';

/** CanonResponse → `text_completion`: each choice's text parts joined. */
export function encodeOpenAiCompletionsResponse(response: CanonResponse): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: `cmpl-${response.id || Date.now().toString(36)}`,
    object: 'text_completion',
    created: response.createdAt,
    model: response.model,
    choices: response.choices.map((choice) => ({
      text: choice.message.content.map((part) => (part.type === 'text' ? part.text : '')).join(''),
      index: choice.index,
      logprobs: null,
      finish_reason: encodeOpenAiFinishReason(choice.finish),
    })),
  };
  if (response.usage) body.usage = encodeOpenAiUsage(response.usage);
  return body;
}
