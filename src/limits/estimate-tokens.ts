import type { CanonMessage, CanonRequest } from '../canon/index.js';
import { TokenCountMemo } from './token-count-memo.js';

type Count = (text: string) => number;
let counter: Promise<Count> | undefined;

/**
 * Special-token markers (`<|endoftext|>`) in a prompt are ordinary text to the model's API; counted
 * as text instead of making the tokenizer throw, which would fail the request.
 */
const plainText = { disallowedSpecial: new Set<string>() };

/**
 * The o200k tokenizer (the encoding current OpenAI models use), loaded on first use: its vocabulary
 * costs tens of megabytes of memory that a gateway whose upstreams report usage never needs.
 * Counting (not encoding) avoids building an array of token ids that is thrown away.
 */
function loadCounter(): Promise<Count> {
  counter ??= import('gpt-tokenizer').then((module) => (text: string) => module.countTokens(text, plainText));
  return counter;
}

/** About 8 MB of remembered text at most (two bytes per character). */
const memo = new TokenCountMemo(4_096, 4_000_000, 64);

/** Tokens of a text with the o200k encoding. */
export async function countTextTokens(text: string): Promise<number> {
  if (text.length === 0) return 0;
  return (await loadCounter())(text);
}

/** Per-message framing tokens of the chat format (role markers), as OpenAI counts them. */
const tokensPerMessage = 3;
const tokensPerReply = 3;

/**
 * The prompt tokens of a request, counted with a real tokenizer over every text the model will read.
 * Images and files are not counted (their token price depends on the provider).
 */
export async function estimatePromptTokens(request: CanonRequest): Promise<number> {
  const countTokens = await loadCounter();
  const count = (text: string) => (text.length === 0 ? 0 : memo.count(text, countTokens));
  let total = tokensPerReply;
  for (const message of request.messages) total += tokensPerMessage + count(messageText(message));
  if (request.tools) total += count(JSON.stringify(request.tools));
  return total;
}

/**
 * A fast, generous guess at the prompt tokens, for reservations: half a token per UTF-8 byte, plus
 * the chat framing. o200k tokens average about 4 bytes of English and rarely fall under 2 bytes even
 * for code, digits or CJK, so this is about twice the real count at a thousandth of the tokenizer's
 * cost. The governor reserves with it and counts exactly only when the guess does not fit a limit.
 */
export function guessPromptTokens(request: CanonRequest): number {
  let total = tokensPerReply;
  for (const message of request.messages) {
    total += tokensPerMessage + Math.ceil(Buffer.byteLength(messageText(message)) / 2);
  }
  if (request.tools) total += Math.ceil(Buffer.byteLength(JSON.stringify(request.tools)) / 2);
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
