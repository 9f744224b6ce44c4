import type { CanonRequest } from '../../canon/index.js';
import type { SseFrame } from '../../http/sse-types.js';
import type { StreamEncoder } from '../codec.js';
import { createOpenAiChatStreamEncoder } from '../openai-chat/encode-stream.js';
import { isWireObject } from '../shared/read-fields.js';

/**
 * Canonical events → `text_completion` SSE chunks, by rewriting what the chat encoder writes:
 * `choices[].delta.content` becomes `choices[].text`, role-only chunks are dropped, and the usage /
 * summary chunk, error frames and `[DONE]` pass through (so the stream fails visibly as chat does).
 */
export function createOpenAiCompletionsStreamEncoder(request: CanonRequest): StreamEncoder {
  const chat = createOpenAiChatStreamEncoder(request);
  const rewrite = (frames: SseFrame[]): SseFrame[] => frames.flatMap(rewriteFrame);
  return { push: (event) => rewrite(chat.push(event)), end: () => rewrite(chat.end()) };
}

function rewriteFrame(frame: SseFrame): SseFrame[] {
  if (!('data' in frame) || frame.data === '[DONE]') return [frame];
  const chunk: unknown = JSON.parse(frame.data);
  if (!isWireObject(chunk) || chunk.object !== 'chat.completion.chunk' || !Array.isArray(chunk.choices))
    return [frame];
  const choices = chunk.choices.filter(isWireObject).flatMap((choice) => {
    const delta = isWireObject(choice.delta) ? choice.delta : {};
    const text = typeof delta.content === 'string' ? delta.content : '';
    const finish = choice.finish_reason ?? null;
    if (text === '' && finish === null) return [];
    return [{ text, index: choice.index, logprobs: null, finish_reason: finish }];
  });
  // A chunk whose only content was the role (or a tool call a completion cannot show) says nothing here.
  if (choices.length === 0 && chunk.choices.length > 0) return [];
  const { id, created, model, usage, switchyard } = chunk;
  const body: Record<string, unknown> = {
    id: `cmpl-${String(id)}`,
    object: 'text_completion',
    created,
    model,
    choices,
  };
  if (usage !== undefined) body.usage = usage;
  if (switchyard !== undefined) body.switchyard = switchyard;
  return [{ data: JSON.stringify(body) }];
}
