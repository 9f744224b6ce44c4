import type { ChatAnswer } from './answer.js';
import { messagesUsage, stopReason, toolUseId } from './anthropic-response.js';
import type { Exchange } from './exchange.js';
import type { Fault } from './faults.js';
import { type StreamEvent, writeEvents } from './stream-writer.js';

/** One SSE event with its `event:` line, which the Anthropic SDK requires (it skips bare `data:`). */
function sse(type: string, payload: Record<string, unknown>): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...payload })}\n\n`;
}

const PING = sse('ping', {});
const MESSAGE_STOP = sse('message_stop', {});
const MALFORMED =
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":\n\n';

/**
 * The events after `message_start` and before `message_stop`, in Anthropic's grammar: per block
 * `content_block_start`, its deltas, `content_block_stop` (indexes 0, 1, ... in order), one `ping`
 * after the first block starts, then `message_delta` with the stop reason and cumulative usage.
 * Deltas are one token each; a tool block starts with an empty `partial_json`, as upstream.
 */
export function buildMessageEvents(answer: ChatAnswer): StreamEvent[] {
  const choice = answer.choices[0];
  if (choice === undefined) throw new Error('an answer without a choice');
  const events: StreamEvent[] = [];
  let index = 0;
  const startBlock = (block: Record<string, unknown>, kind: StreamEvent['kind']) => {
    events.push({ kind, text: sse('content_block_start', { index, content_block: block }) });
    if (index === 0) events.push({ kind: 'other', text: PING });
  };
  const delta = (payload: Record<string, unknown>, kind: StreamEvent['kind'] = 'content') =>
    events.push({ kind, text: sse('content_block_delta', { index, delta: payload }) });
  const stopBlock = () => {
    events.push({ kind: 'other', text: sse('content_block_stop', { index }) });
    index++;
  };
  if (choice.thinking !== null) {
    startBlock({ type: 'thinking', thinking: '' }, 'other');
    for (const piece of choice.thinking.pieces) delta({ type: 'thinking_delta', thinking: piece });
    delta({ type: 'signature_delta', signature: choice.thinking.signature }, 'other');
    stopBlock();
  }
  if (choice.pieces.length > 0) {
    startBlock({ type: 'text', text: '' }, 'other');
    for (const piece of choice.pieces) delta({ type: 'text_delta', text: piece });
    stopBlock();
  }
  choice.toolCalls.forEach((call, callIndex) => {
    // The block start names the tool, like OpenAI's tool-call header chunk, so it counts as content.
    startBlock({ type: 'tool_use', id: toolUseId(call), name: call.name, input: {} }, 'content');
    delta({ type: 'input_json_delta', partial_json: '' }, 'other');
    for (const fragment of choice.argumentPieces[callIndex] ?? []) {
      delta({ type: 'input_json_delta', partial_json: fragment });
    }
    stopBlock();
  });
  if (index === 0) events.push({ kind: 'other', text: PING });
  events.push({
    kind: 'finish',
    text: sse('message_delta', {
      delta: { stop_reason: stopReason(choice), stop_sequence: choice.stopSequence },
      usage: messagesUsage(answer.usage),
    }),
  });
  return events;
}

/** The `message_start` event, the only one that carries the per-request id. */
function messageStart(id: string, model: string, answer: ChatAnswer): string {
  const usage = messagesUsage(answer.usage);
  return sse('message_start', {
    message: {
      id,
      type: 'message',
      role: 'assistant',
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { ...usage, output_tokens: Math.min(1, usage.output_tokens), service_tier: 'standard' },
    },
  });
}

/** Streams a Messages answer; `nodone` leaves out `message_stop` and still ends the response. */
export function writeMessageStream(
  exchange: Exchange,
  events: readonly StreamEvent[],
  start: { id: string; model: string; answer: ChatAnswer },
  fault: Fault,
  delayMs: number,
): void {
  const all: StreamEvent[] = [
    { kind: 'other', text: messageStart(start.id, start.model, start.answer) },
    ...events,
  ];
  if (!fault.noDone) all.push({ kind: 'other', text: MESSAGE_STOP });
  writeEvents(
    exchange,
    all,
    { contentType: 'text/event-stream; charset=utf-8', malformed: MALFORMED },
    fault,
    delayMs,
  );
}
