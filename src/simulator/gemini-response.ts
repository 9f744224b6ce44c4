import type { ChatAnswer, ChoiceAnswer } from './answer.js';
import type { ToolCallAnswer } from './answer-tools.js';
import { isRecord } from './chat-request.js';
import type { ChatUsage } from './usage.js';

/** Gemini's `usageMetadata`; the thought and cache counts appear only when not zero, as upstream. */
export interface UsageMetadata {
  promptTokenCount: number;
  candidatesTokenCount: number;
  thoughtsTokenCount?: number;
  cachedContentTokenCount?: number;
  totalTokenCount: number;
  promptTokensDetails: { modality: 'TEXT'; tokenCount: number }[];
}

/** `STOP` or `MAX_TOKENS`; a function-call answer ends with `STOP` (Gemini has no tool-call reason). */
export function finishReason(choice: ChoiceAnswer): 'STOP' | 'MAX_TOKENS' {
  return choice.finishReason === 'length' ? 'MAX_TOKENS' : 'STOP';
}

/**
 * Usage from counts: `promptTokenCount` includes the cached tokens, `candidatesTokenCount`
 * excludes thoughts, and the total adds both.
 */
export function usageMetadata(promptTokens: number, cached: number, candidates: number, thoughts: number) {
  const metadata: UsageMetadata = {
    promptTokenCount: promptTokens,
    candidatesTokenCount: candidates,
    totalTokenCount: promptTokens + candidates + thoughts,
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: promptTokens }],
  };
  if (thoughts > 0) metadata.thoughtsTokenCount = thoughts;
  if (cached > 0) metadata.cachedContentTokenCount = cached;
  return metadata;
}

/** The final usage of a whole answer; thinking and `reasoning-N` tokens are thoughts. */
export function answerUsage(usage: ChatUsage): UsageMetadata {
  const thoughts = usage.completion_tokens_details.reasoning_tokens;
  return usageMetadata(
    usage.prompt_tokens,
    usage.prompt_tokens_details.cached_tokens,
    usage.completion_tokens - thoughts,
    thoughts,
  );
}

/** The call's arguments as an object (arguments cut by `maxOutputTokens` are no valid JSON and become `{}`). */
export function functionCallPart(
  call: ToolCallAnswer,
  signature: string | undefined,
): Record<string, unknown> {
  let args: Record<string, unknown> = {};
  try {
    const value: unknown = JSON.parse(call.arguments);
    if (isRecord(value)) args = value;
  } catch {
    // Keeps the empty object.
  }
  // No id: the Developer API leaves it out and clients correlate calls by name and order.
  const part: Record<string, unknown> = { functionCall: { name: call.name, args } };
  if (signature !== undefined) part.thoughtSignature = signature;
  return part;
}

/**
 * A candidate's parts: the thought (only with `includeThoughts`), the text (when not empty) and
 * the function calls. A thinking answer's first function call carries the thought signature, as
 * Gemini 3 does, so gateways must echo it back.
 */
export function candidateParts(choice: ChoiceAnswer, includeThoughts: boolean): Record<string, unknown>[] {
  const parts: Record<string, unknown>[] = [];
  const { thinking } = choice;
  if (thinking !== null && includeThoughts) {
    parts.push({ text: thinking.text, thought: true, thoughtSignature: thinking.signature });
  }
  if (choice.content !== null && choice.content !== '') parts.push({ text: choice.content });
  choice.toolCalls.forEach((call, index) => {
    parts.push(functionCallPart(call, index === 0 ? thinking?.signature : undefined));
  });
  return parts;
}

/** A candidate object; an empty answer has a content without `parts`, as upstream. */
export function candidate(
  index: number,
  parts: readonly Record<string, unknown>[],
  reason?: string,
): Record<string, unknown> {
  const content: Record<string, unknown> = parts.length === 0 ? { role: 'model' } : { parts, role: 'model' };
  const result: Record<string, unknown> = { content };
  if (reason !== undefined) result.finishReason = reason;
  result.index = index;
  return result;
}

/**
 * A GenerateContentResponse without its closing brace and `responseId`, which changes per
 * request: `head + ',"responseId":"..."}'` is the whole body.
 */
export function responseHead(body: Record<string, unknown>): string {
  return JSON.stringify(body).slice(0, -1);
}

/** The head of a non-streamed answer, serialised once per distinct request. */
export function renderGenerateHead(answer: ChatAnswer, includeThoughts: boolean, model: string): string {
  return responseHead({
    candidates: answer.choices.map((choice) =>
      candidate(choice.index, candidateParts(choice, includeThoughts), finishReason(choice)),
    ),
    usageMetadata: answerUsage(answer.usage),
    modelVersion: model,
  });
}

/** Closes a head with the request's `responseId`. */
export function withResponseId(head: string, responseId: string): string {
  return `${head},"responseId":"${responseId}"}`;
}

/** The answer `policy` produces: HTTP 200, no candidates, the prompt blocked for SAFETY. */
export function blockedPromptHead(promptTokens: number, model: string): string {
  return responseHead({
    promptFeedback: {
      blockReason: 'SAFETY',
      safetyRatings: [
        { category: 'HARM_CATEGORY_SEXUALLY_EXPLICIT', probability: 'NEGLIGIBLE' },
        { category: 'HARM_CATEGORY_HATE_SPEECH', probability: 'NEGLIGIBLE' },
        { category: 'HARM_CATEGORY_HARASSMENT', probability: 'NEGLIGIBLE' },
        { category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH', blocked: true },
      ],
    },
    usageMetadata: { promptTokenCount: promptTokens, totalTokenCount: promptTokens },
    modelVersion: model,
  });
}
