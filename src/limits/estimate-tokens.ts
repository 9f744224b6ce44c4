import { encode } from 'gpt-tokenizer';
import type { CanonMessage, CanonRequest } from '../canon/index.js';

/** Tokens of a text with the o200k encoding (the one current OpenAI models use). */
export function countTextTokens(text: string): number {
  return text.length === 0 ? 0 : encode(text).length;
}

/** Per-message framing tokens of the chat format (role markers), as OpenAI counts them. */
const tokensPerMessage = 3;
const tokensPerReply = 3;

/**
 * The prompt tokens of a request, counted with a real tokenizer over every text the model will read.
 * Images and files are not counted (their token price depends on the provider).
 */
export function estimatePromptTokens(request: CanonRequest): number {
  let total = tokensPerReply;
  for (const message of request.messages) total += tokensPerMessage + countTextTokens(messageText(message));
  if (request.tools) total += countTextTokens(JSON.stringify(request.tools));
  return total;
}

function messageText(message: CanonMessage): string {
  let text = '';
  for (const part of message.content) {
    switch (part.type) {
      case 'text':
      case 'reasoning':
      case 'refusal':
        text += part.text;
        break;
      case 'tool-call':
        text += part.toolName + part.argumentsJson;
        break;
      case 'tool-result':
        for (const inner of part.content) if (inner.type === 'text') text += inner.text;
        break;
      default:
        break;
    }
  }
  return text;
}
