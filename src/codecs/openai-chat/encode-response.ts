import type { CanonChoice, CanonResponse } from '../../canon/index.js';
import { encodeOpenAiFinishReason } from './map-finish-reason.js';
import { encodeOpenAiUsage } from './map-usage.js';

type WireObject = Record<string, unknown>;

/** CanonResponse → OpenAI `chat.completion` body. */
export function encodeOpenAiChatResponse(response: CanonResponse): WireObject {
  const body: WireObject = {
    id: response.id || `chatcmpl-${Date.now().toString(36)}`,
    object: 'chat.completion',
    created: response.createdAt,
    model: response.model,
    choices: response.choices.map(encodeChoice),
  };
  if (response.usage) body.usage = encodeOpenAiUsage(response.usage);
  const vendor = response.vendor['openai-chat'];
  if (vendor) Object.assign(body, vendor);
  return body;
}

function encodeChoice(choice: CanonChoice): WireObject {
  const texts: string[] = [];
  const toolCalls: WireObject[] = [];
  let refusal: string | null = null;
  let reasoning: string | undefined;
  for (const part of choice.message.content) {
    switch (part.type) {
      case 'text':
        texts.push(part.text);
        break;
      case 'refusal':
        refusal = (refusal ?? '') + part.text;
        break;
      case 'reasoning':
        reasoning = (reasoning ?? '') + part.text;
        break;
      case 'tool-call':
        toolCalls.push({
          id: part.callId,
          type: 'function',
          function: { name: part.toolName, arguments: part.argumentsJson === '' ? '{}' : part.argumentsJson },
        });
        break;
    }
  }
  const message: WireObject = {
    role: 'assistant',
    content: texts.length > 0 ? texts.join('') : null,
    refusal,
  };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  // Non-standard but widespread (DeepSeek, vLLM): reasoning text beside the answer.
  if (reasoning !== undefined) message.reasoning_content = reasoning;
  return {
    index: choice.index,
    message,
    logprobs: choice.logprobs ?? null,
    finish_reason: encodeOpenAiFinishReason(choice.finish),
  };
}
