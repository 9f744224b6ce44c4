import type { ChatAnswer, ChoiceAnswer } from './answer.js';

/** The fingerprint every simulated answer carries. */
export const SYSTEM_FINGERPRINT = 'fp_simulator';

function choiceJson(choice: ChoiceAnswer): unknown {
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: choice.content,
    refusal: null,
    annotations: [],
  };
  if (choice.toolCalls.length > 0) {
    message.tool_calls = choice.toolCalls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
    }));
  }
  return {
    index: choice.index,
    message,
    logprobs: choice.logprobs === null ? null : { content: choice.logprobs, refusal: null },
    finish_reason: choice.finishReason,
  };
}

/**
 * Everything of a `chat.completion` body after `model`, serialised once per distinct request
 * (the id and timestamp are the only parts that change between identical requests).
 */
export function renderChatJsonTail(answer: ChatAnswer): string {
  const choices = JSON.stringify(answer.choices.map(choiceJson));
  const usage = JSON.stringify(answer.usage);
  return `"choices":${choices},"usage":${usage},"service_tier":"default","system_fingerprint":"${SYSTEM_FINGERPRINT}"}`;
}

/** Assembles a full `chat.completion` body from its per-request head and the cached tail. */
export function renderChatJson(id: string, created: number, model: string, tail: string): string {
  return `{"id":"${id}","object":"chat.completion","created":${created},"model":${JSON.stringify(model)},${tail}`;
}
