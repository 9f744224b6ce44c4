import type { ChatAnswer, ChoiceAnswer } from './answer.js';
import { SYSTEM_FINGERPRINT } from './chat-json.js';
import type { Exchange } from './exchange.js';
import type { Fault } from './faults.js';
import { type StreamEvent, writeEvents } from './stream-writer.js';

/** One chunk of the stream: its kind and the JSON after the common `id/object/created/model` head. */
export interface StreamFrame {
  kind: 'role' | 'content' | 'finish' | 'usage';
  tail: string;
}

function choiceChunk(index: number, delta: unknown, logprobs: unknown, finishReason: string | null): string {
  return JSON.stringify([{ index, delta, logprobs, finish_reason: finishReason }]);
}

function choiceFrames(choice: ChoiceAnswer, usageSuffix: string): StreamFrame[][] {
  const frame = (kind: StreamFrame['kind'], delta: unknown, logprobs: unknown = null): StreamFrame => ({
    kind,
    tail: `"choices":${choiceChunk(choice.index, delta, logprobs, null)}${usageSuffix}}`,
  });
  const isToolAnswer = choice.toolCalls.length > 0;
  const steps: StreamFrame[][] = [
    [frame('role', { role: 'assistant', content: isToolAnswer ? null : '', refusal: null })],
  ];
  choice.pieces.forEach((piece, position) => {
    const logprob = choice.logprobs?.[position];
    steps.push([
      frame(
        'content',
        { content: piece },
        logprob === undefined ? null : { content: [logprob], refusal: null },
      ),
    ]);
  });
  choice.toolCalls.forEach((call, callIndex) => {
    const header = {
      index: callIndex,
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: '' },
    };
    steps.push([frame('content', { tool_calls: [header] })]);
    for (const fragment of choice.argumentPieces[callIndex] ?? []) {
      steps.push([
        frame('content', { tool_calls: [{ index: callIndex, function: { arguments: fragment } }] }),
      ]);
    }
  });
  return steps;
}

/** Lays out the chunks of an answer in OpenAI's order: role, content/tool deltas, finish, usage. */
export function buildStreamFrames(answer: ChatAnswer, includeUsage: boolean): StreamFrame[] {
  const usageSuffix = includeUsage ? ',"usage":null' : '';
  const perChoice = answer.choices.map((choice) => choiceFrames(choice, usageSuffix));
  const frames: StreamFrame[] = [];
  // With n > 1 the choices are interleaved step by step, as OpenAI does.
  const longest = Math.max(...perChoice.map((steps) => steps.length));
  for (let step = 0; step < longest; step++) {
    for (const steps of perChoice) frames.push(...(steps[step] ?? []));
  }
  for (const choice of answer.choices) {
    frames.push({
      kind: 'finish',
      tail: `"choices":${choiceChunk(choice.index, {}, null, choice.finishReason)}${usageSuffix}}`,
    });
  }
  if (includeUsage)
    frames.push({ kind: 'usage', tail: `"choices":[],"usage":${JSON.stringify(answer.usage)}}` });
  return frames;
}

/** Streams the frames as OpenAI SSE (`data:` lines, then `data: [DONE]` unless `nodone`). */
export function writeStream(
  exchange: Exchange,
  frames: readonly StreamFrame[],
  head: string,
  fault: Fault,
  delayMs: number,
): void {
  const events: StreamEvent[] = frames.map((frame) => ({
    kind: frame.kind === 'content' || frame.kind === 'finish' ? frame.kind : 'other',
    text: `data: ${head}${frame.tail}\n\n`,
  }));
  if (!fault.noDone) events.push({ kind: 'other', text: 'data: [DONE]\n\n' });
  writeEvents(
    exchange,
    events,
    {
      contentType: 'text/event-stream; charset=utf-8',
      malformed: `data: ${head}"choices":[{"index":0,"delta":{"content":\n\n`,
    },
    fault,
    delayMs,
  );
}

/** The JSON text shared by every chunk of one response, up to and including the comma before `choices`. */
export function streamHead(id: string, created: number, model: string): string {
  return `{"id":"${id}","object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(model)},"system_fingerprint":"${SYSTEM_FINGERPRINT}",`;
}
