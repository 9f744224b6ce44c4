import type { ChatAnswer, ChoiceAnswer } from './answer.js';
import { SYSTEM_FINGERPRINT } from './chat-json.js';
import type { Exchange } from './exchange.js';
import type { Fault } from './faults.js';

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

/** Streams the frames as SSE, applying slow, delay, cut, stall, malformed and nodone. */
export function writeStream(
  exchange: Exchange,
  frames: readonly StreamFrame[],
  head: string,
  fault: Fault,
  delayMs: number,
): void {
  const lines: string[] = [];
  let stopAt: number | undefined;
  let contentSeen = 0;
  const limit = fault.cutAfter ?? fault.stallAfter;
  for (const frame of frames) {
    if (lines.length === fault.malformedAfter)
      lines.push(`data: ${head}"choices":[{"index":0,"delta":{"content":\n\n`);
    // The cut/stall point is after the N-th content chunk, and never later than the first finish chunk.
    if (limit !== undefined && stopAt === undefined && (contentSeen === limit || frame.kind === 'finish'))
      stopAt = lines.length;
    lines.push(`data: ${head}${frame.tail}\n\n`);
    if (frame.kind === 'content') contentSeen++;
  }
  if (!fault.noDone) lines.push('data: [DONE]\n\n');
  const end = stopAt ?? lines.length;
  exchange.sendHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  const firstDelay = fault.slowMs ?? 0;
  // Headers leave at once, before a slow-MS pause, so "slow first token" differs from "slow headers".
  // Otherwise they ride with the first chunk (one write instead of two).
  if (firstDelay > 0 || end === 0) exchange.response.flushHeaders();
  if (delayMs <= 0) {
    const send = () => finishWith(exchange, fault, lines.slice(0, end).join(''));
    if (firstDelay > 0) exchange.schedule(send, firstDelay);
    else send();
    return;
  }
  let position = 0;
  const next = () => {
    const line = lines[position++] ?? '';
    if (position >= end) {
      finishWith(exchange, fault, position > end ? '' : line);
      return;
    }
    exchange.response.write(line);
    exchange.schedule(next, delayMs);
  };
  if (firstDelay > 0) exchange.schedule(next, firstDelay);
  else next();
}

/** Writes the last data and then ends, destroys (cut) or goes quiet (stall). */
function finishWith(exchange: Exchange, fault: Fault, data: string): void {
  if (fault.cutAfter !== undefined) {
    // Destroy only once the data reached the socket, so the client really gets the first N chunks.
    if (data === '') exchange.destroy();
    else exchange.response.write(data, () => exchange.destroy());
  } else if (fault.stallAfter !== undefined) {
    if (data !== '') exchange.response.write(data);
  } else {
    exchange.response.end(data);
  }
}

/** The JSON text shared by every chunk of one response, up to and including the comma before `choices`. */
export function streamHead(id: string, created: number, model: string): string {
  return `{"id":"${id}","object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(model)},"system_fingerprint":"${SYSTEM_FINGERPRINT}",`;
}
