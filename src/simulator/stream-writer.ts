import type { Exchange } from './exchange.js';
import type { Fault } from './faults.js';

/**
 * One event of a streamed answer, already serialised in its protocol's framing. `content` events
 * are the ones `cut-N` / `stall-N` count (tokens, tool-call headers, argument fragments);
 * `finish` marks the first event after the content, where `cut`/`stall` stop at the latest.
 */
export interface StreamEvent {
  kind: 'content' | 'finish' | 'other';
  text: string;
}

/** How one protocol frames its stream. */
export interface StreamFraming {
  contentType: string;
  /** An event whose payload is invalid JSON, inserted by `malformed-N`. */
  malformed: string;
}

/**
 * Streams the events, applying slow, delay, cut, stall and malformed; the caller has already
 * left out whatever `nodone` omits (the terminator differs per protocol).
 */
export function writeEvents(
  exchange: Exchange,
  events: readonly StreamEvent[],
  framing: StreamFraming,
  fault: Fault,
  delayMs: number,
): void {
  const lines: string[] = [];
  let stopAt: number | undefined;
  let contentSeen = 0;
  const limit = fault.cutAfter ?? fault.stallAfter;
  for (const event of events) {
    if (lines.length === fault.malformedAfter) lines.push(framing.malformed);
    // The cut/stall point is after the N-th content event, and never later than the first finish event.
    if (limit !== undefined && stopAt === undefined && (contentSeen === limit || event.kind === 'finish'))
      stopAt = lines.length;
    lines.push(event.text);
    if (event.kind === 'content') contentSeen++;
  }
  const end = stopAt ?? lines.length;
  exchange.sendHead(200, { 'content-type': framing.contentType, 'cache-control': 'no-cache' });
  const firstDelay = fault.slowMs ?? 0;
  // Headers leave at once, before a slow-MS pause, so "slow first token" differs from "slow headers".
  // Otherwise they ride with the first event (one write instead of two).
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
    // Destroy only once the data reached the socket, so the client really gets the first N events.
    if (data === '') exchange.destroy();
    else exchange.response.write(data, () => exchange.destroy());
  } else if (fault.stallAfter !== undefined) {
    if (data !== '') exchange.response.write(data);
  } else {
    exchange.response.end(data);
  }
}
