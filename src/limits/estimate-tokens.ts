import type { CanonMessage, CanonRequest } from '../canon/index.js';

type Encode = (text: string) => number[];
let encoder: Promise<Encode> | undefined;

/**
 * The o200k tokenizer (the encoding current OpenAI models use), loaded on first use: its vocabulary
 * costs tens of megabytes of memory that a gateway whose upstreams report usage never needs.
 */
function loadEncoder(): Promise<Encode> {
  encoder ??= import('gpt-tokenizer').then((module) => module.encode);
  return encoder;
}

/** Tokens of a text with the o200k encoding. */
export async function countTextTokens(text: string): Promise<number> {
  if (text.length === 0) return 0;
  return (await loadEncoder())(text).length;
}

/** Per-message framing tokens of the chat format (role markers), as OpenAI counts them. */
const tokensPerMessage = 3;
const tokensPerReply = 3;

/**
 * The prompt tokens of a request, counted with a real tokenizer over every text the model will read.
 * Images and files are not counted (their token price depends on the provider).
 */
export async function estimatePromptTokens(request: CanonRequest): Promise<number> {
  const encode = await loadEncoder();
  const count = (text: string) => (text.length === 0 ? 0 : encode(text).length);
  let total = tokensPerReply;
  for (const message of request.messages) total += tokensPerMessage + count(messageText(message));
  if (request.tools) total += count(JSON.stringify(request.tools));
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
