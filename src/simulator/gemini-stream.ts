import type { ChatAnswer, ChoiceAnswer } from './answer.js';
import type { Exchange } from './exchange.js';
import type { Fault } from './faults.js';
import {
  candidate,
  finishReason,
  functionCallPart,
  responseHead,
  usageMetadata,
  withResponseId,
} from './gemini-response.js';
import { type StreamEvent, writeEvents } from './stream-writer.js';
import { countTokens } from './usage.js';

/** One streamed GenerateContentResponse, without its `responseId` (see {@link responseHead}). */
export interface GeminiChunk {
  kind: 'content' | 'finish';
  head: string;
}

/** A part to stream with the tokens it adds to the candidates or the thoughts count. */
interface PendingPart {
  part: Record<string, unknown>;
  candidateTokens: number;
  thoughtTokens: number;
}

function choiceParts(choice: ChoiceAnswer, includeThoughts: boolean): PendingPart[] {
  const parts: PendingPart[] = [];
  const { thinking } = choice;
  if (thinking !== null && includeThoughts) {
    thinking.pieces.forEach((piece, position) => {
      const part: Record<string, unknown> = { text: piece, thought: true };
      if (position === thinking.pieces.length - 1) part.thoughtSignature = thinking.signature;
      parts.push({ part, candidateTokens: 0, thoughtTokens: countTokens(piece) });
    });
  }
  for (const piece of choice.pieces)
    parts.push({ part: { text: piece }, candidateTokens: countTokens(piece), thoughtTokens: 0 });
  choice.toolCalls.forEach((call, index) => {
    // Function calls arrive whole, one per chunk, as upstream.
    const part = functionCallPart(call, index === 0 ? thinking?.signature : undefined);
    parts.push({
      part,
      candidateTokens: countTokens(call.name) + countTokens(call.arguments),
      thoughtTokens: 0,
    });
  });
  return parts;
}

/**
 * The chunks of a streamed answer: one part per chunk (a token of thought or text, or a whole
 * function call), candidates interleaved, then one chunk per candidate with its `finishReason`
 * and an empty text part. Every chunk carries cumulative `usageMetadata`; the finish chunks carry
 * the exact totals. Thoughts that are not shown count from the first chunk on.
 */
export function buildGeminiChunks(
  answer: ChatAnswer,
  includeThoughts: boolean,
  model: string,
): GeminiChunk[] {
  const { usage } = answer;
  const promptTokens = usage.prompt_tokens;
  const cached = usage.prompt_tokens_details.cached_tokens;
  const totalThoughts = usage.completion_tokens_details.reasoning_tokens;
  const totalCandidates = usage.completion_tokens - totalThoughts;
  const perChoice = answer.choices.map((choice) => choiceParts(choice, includeThoughts));
  const streamedThoughts = perChoice.flat().reduce((sum, pending) => sum + pending.thoughtTokens, 0);
  let thoughts = Math.max(0, totalThoughts - streamedThoughts);
  let candidates = 0;
  const chunks: GeminiChunk[] = [];
  const longest = Math.max(0, ...perChoice.map((parts) => parts.length));
  for (let step = 0; step < longest; step++) {
    perChoice.forEach((parts, choiceIndex) => {
      const pending = parts[step];
      if (pending === undefined) return;
      candidates = Math.min(totalCandidates, candidates + pending.candidateTokens);
      thoughts = Math.min(totalThoughts, thoughts + pending.thoughtTokens);
      chunks.push({
        kind: 'content',
        head: responseHead({
          candidates: [candidate(answer.choices[choiceIndex]?.index ?? choiceIndex, [pending.part])],
          usageMetadata: usageMetadata(promptTokens, cached, candidates, thoughts),
          modelVersion: model,
        }),
      });
    });
  }
  for (const choice of answer.choices) {
    chunks.push({
      kind: 'finish',
      head: responseHead({
        candidates: [candidate(choice.index, [{ text: '' }], finishReason(choice))],
        usageMetadata: usageMetadata(promptTokens, cached, totalCandidates, totalThoughts),
        modelVersion: model,
      }),
    });
  }
  return chunks;
}

/**
 * Streams the chunks as SSE (`data:` lines only, `\r\n\r\n` between events as Google sends
 * them, no `[DONE]`) or, without `alt=sse`, as one JSON array written element by element.
 * `nodone` leaves out the finish chunks and still ends the response cleanly.
 */
export function writeGeminiStream(
  exchange: Exchange,
  chunks: readonly GeminiChunk[],
  options: { responseId: string; sse: boolean },
  fault: Fault,
  delayMs: number,
): void {
  const kept = fault.noDone ? chunks.filter((chunk) => chunk.kind !== 'finish') : chunks;
  const events: StreamEvent[] = kept.map((chunk, index) => {
    const json = withResponseId(chunk.head, options.responseId);
    const text = options.sse ? `data: ${json}\r\n\r\n` : `${index === 0 ? '[' : ',\r\n'}${json}`;
    return { kind: chunk.kind, text };
  });
  if (!options.sse) events.push({ kind: 'other', text: events.length === 0 ? '[]' : ']' });
  const malformedJson = '{"candidates":[{"content":{"parts":[{"text":';
  writeEvents(
    exchange,
    events,
    options.sse
      ? { contentType: 'text/event-stream', malformed: `data: ${malformedJson}\r\n\r\n` }
      : { contentType: 'application/json; charset=UTF-8', malformed: `,\r\n${malformedJson}` },
    fault,
    delayMs,
  );
}
