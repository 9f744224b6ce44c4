import {
  applyStop,
  continuePrefix,
  quote,
  sizedText,
  type TokenizedText,
  tokenize,
  truncateTokens,
} from './answer-text.js';
import { buildThinking, type ThinkingAnswer } from './answer-thinking.js';
import { buildToolCalls, chooseTools, type ToolCallAnswer } from './answer-tools.js';
import type { ChatRequest, ResponseFormat } from './chat-request.js';
import type { ParsedModel } from './faults.js';
import { createRandom, hashString } from './hash.js';
import { buildLogprobs, type TokenLogprob } from './logprobs.js';
import { instanceFromSchema } from './schema-instance.js';
import { buildUsage, type ChatUsage, countPromptTokens, countTokens } from './usage.js';

/** One choice of a simulated completion, with what both the JSON and the SSE writer need. */
export interface ChoiceAnswer {
  index: number;
  /** The full text, or null for a tool-call answer. */
  content: string | null;
  /** The text in stream order, one piece per token. */
  pieces: readonly string[];
  logprobs: TokenLogprob[] | null;
  toolCalls: ToolCallAnswer[];
  /** Per tool call, its arguments in stream order. */
  argumentPieces: (readonly string[])[];
  finishReason: 'stop' | 'length' | 'tool_calls';
  /** The stop sequence that ended the text (finish reason `stop`), for Anthropic's `stop_sequence`. */
  stopSequence: string | null;
  /** Visible thinking before the answer (`thinking-N`); OpenAI only counts it as reasoning tokens. */
  thinking: ThinkingAnswer | null;
  /** Tokens of the visible answer; thinking tokens are not included. */
  completionTokens: number;
}

/** A whole simulated completion; deterministic for a given request. */
export interface ChatAnswer {
  choices: ChoiceAnswer[];
  usage: ChatUsage;
}

const DEFAULT_TOKENS = 24;
const CONTINUATION_TOKENS = 12;

/** Computes the answer to a validated request (see README.md for the rules). */
export function buildAnswer(request: ChatRequest, model: ParsedModel): ChatAnswer {
  const lastUserText = request.messages.findLast((message) => message.role === 'user')?.text ?? '';
  const choices: ChoiceAnswer[] = [];
  let completionTokens = 0;
  let thinkingTokens = 0;
  // A continued prefix has already been thought about; only fresh answers think.
  const thinks =
    request.thinking && model.thinking !== undefined && request.messages.at(-1)?.role !== 'assistant';
  for (let index = 0; index < request.n; index++) {
    const seedText = `${model.base}\u0000${lastUserText}\u0000${request.seed ?? ''}\u0000${index}`;
    const thinking = thinks
      ? buildThinking(seedText, model.thinking ?? 0, request.maxTokens ?? Number.POSITIVE_INFINITY)
      : undefined;
    const maxTokens =
      request.maxTokens === undefined ? undefined : request.maxTokens - (thinking?.tokens ?? 0);
    const tools = chooseTools(request, lastUserText);
    const choice =
      tools === undefined
        ? textChoice(request, model, index, seedText, maxTokens)
        : toolChoice(index, buildToolCalls(tools, seedText), maxTokens);
    choice.thinking = thinking ?? null;
    completionTokens += choice.completionTokens;
    thinkingTokens += thinking?.tokens ?? 0;
    choices.push(choice);
  }
  const promptTokens = countPromptTokens(request.messages.map((message) => message.text));
  const reasoning = (model.reasoning ?? 0) + thinkingTokens;
  return { choices, usage: buildUsage(promptTokens, completionTokens, model.cached, reasoning) };
}

function textChoice(
  request: ChatRequest,
  model: ParsedModel,
  index: number,
  seedText: string,
  maxTokens: number | undefined,
): ChoiceAnswer {
  const random = createRandom(hashString(seedText));
  const header = `Simulated reply from ${model.base}:`;
  const last = request.messages.at(-1);
  const prefix = last?.role === 'assistant' ? last.text : undefined;
  const answered = prefix === undefined ? last : request.messages.at(-2);
  let text: string;
  if (answered?.role === 'tool') {
    const start = `${header} the tool returned "${quote(answered.text)}".`;
    text = model.tokens === undefined ? start : sizedText(start, random, model.tokens);
  } else {
    text = sizedText(header, random, model.tokens ?? DEFAULT_TOKENS);
  }
  text = formatText(text, request.responseFormat, random);
  if (prefix !== undefined) {
    text = continuePrefix(
      text,
      prefix,
      createRandom(hashString(prefix)),
      model.tokens ?? CONTINUATION_TOKENS,
    );
  }
  const stopped = applyStop(text, request.stop);
  let tokenized: TokenizedText = tokenize(stopped.text);
  let finishReason: ChoiceAnswer['finishReason'] = 'stop';
  if (maxTokens !== undefined && tokenized.total > maxTokens) {
    tokenized = truncateTokens(tokenized, Math.max(0, maxTokens));
    finishReason = 'length';
  }
  const logprobs = request.logprobs
    ? buildLogprobs(
        tokenized.pieces,
        request.topLogprobs,
        createRandom(hashString(`${seedText}\u0000logprobs`)),
      )
    : null;
  return {
    index,
    content: tokenized.pieces.join(''),
    pieces: tokenized.pieces,
    logprobs,
    toolCalls: [],
    argumentPieces: [],
    finishReason,
    stopSequence: finishReason === 'stop' ? (stopped.sequence ?? null) : null,
    thinking: null,
    completionTokens: tokenized.total,
  };
}

function formatText(text: string, format: ResponseFormat, random: () => number): string {
  if (format.type === 'json_object') return JSON.stringify({ answer: text });
  if (format.type === 'json_schema') return JSON.stringify(instanceFromSchema(format.schema, random));
  return text;
}

function toolChoice(index: number, calls: ToolCallAnswer[], maxTokens: number | undefined): ChoiceAnswer {
  let budget = maxTokens ?? Number.POSITIVE_INFINITY;
  let completionTokens = 0;
  let truncated = false;
  const toolCalls: ToolCallAnswer[] = [];
  const argumentPieces: (readonly string[])[] = [];
  for (const call of calls) {
    const nameTokens = countTokens(call.name);
    let argumentsText: TokenizedText = tokenize(call.arguments);
    if (nameTokens + argumentsText.total > budget) {
      argumentsText = truncateTokens(argumentsText, Math.max(0, budget - nameTokens));
      truncated = true;
    }
    toolCalls.push({ ...call, arguments: argumentsText.pieces.join('') });
    argumentPieces.push(argumentsText.pieces);
    completionTokens += nameTokens + argumentsText.total;
    budget -= nameTokens + argumentsText.total;
    if (truncated) break;
  }
  return {
    index,
    content: null,
    pieces: [],
    logprobs: null,
    toolCalls,
    argumentPieces,
    finishReason: truncated ? 'length' : 'tool_calls',
    stopSequence: null,
    thinking: null,
    completionTokens,
  };
}
