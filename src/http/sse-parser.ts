import type { SseEvent } from './sse-types.js';

/** An incremental server-sent-events parser; feed it upstream chunks as they arrive. */
export interface SseParser {
  /** Parses one chunk (bytes or already-decoded text) and returns the events it completed. */
  push(chunk: Uint8Array | string): SseEvent[];
  /**
   * Marks the end of the stream. Per the WHATWG rules an unterminated event is discarded,
   * so this always returns an empty list; use `hasPendingData()` to detect a truncated stream.
   */
  end(): SseEvent[];
  /** True when buffered input would have formed (part of) an event had the stream continued. */
  hasPendingData(): boolean;
}

const lineFeed = 10;
const colonCode = 58;
const spaceCode = 32;
const byteOrderMark = 0xfeff;

/**
 * Creates a parser following the WHATWG event-stream interpretation rules:
 * CRLF / LF / CR line endings (also when CR and LF land in different chunks), one leading BOM,
 * `data:` lines joined with "\n", `event:`, `id:` (ignored when it contains NUL; sticky, as the
 * spec's last-event-ID buffer), `retry:` (digits only; attached to the next dispatched event),
 * `:` comments, and dispatch on a blank line only when some `data` field was seen.
 */
export function createSseParser(): SseParser {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  /** Bytes were decoded in streaming mode, so the decoder may hold part of a character. */
  let decoderInUse = false;
  let checkedByteOrderMark = false;
  /** The previous chunk ended in CR; an LF starting the next chunk belongs to that line break. */
  let skipLeadingLineFeed = false;
  /** The current line, not yet terminated; it never contains CR or LF. */
  let partialLine = '';

  let data = '';
  let hasData = false;
  let eventType = '';
  let lastEventId = '';
  let retry: number | undefined;

  function dispatch(): SseEvent | undefined {
    if (!hasData) {
      eventType = '';
      return undefined;
    }
    const event: SseEvent = { data };
    if (eventType !== '') event.event = eventType;
    if (lastEventId !== '') event.id = lastEventId;
    if (retry !== undefined) {
      event.retry = retry;
      retry = undefined;
    }
    data = '';
    hasData = false;
    eventType = '';
    return event;
  }

  /** Interprets the line text[start, end); returns an event when the line is blank. */
  function processLine(text: string, start: number, end: number): SseEvent | undefined {
    if (start === end) return dispatch();
    if (text.charCodeAt(start) === colonCode) return undefined;

    const colon = text.indexOf(':', start);
    let nameEnd = end;
    let valueStart = end;
    if (colon !== -1 && colon < end) {
      nameEnd = colon;
      valueStart = colon + 1;
      if (valueStart < end && text.charCodeAt(valueStart) === spaceCode) valueStart += 1;
    }
    const nameLength = nameEnd - start;

    if (nameLength === 4 && text.startsWith('data', start)) {
      const value = text.slice(valueStart, end);
      if (hasData) {
        data = `${data}\n${value}`;
      } else {
        data = value;
        hasData = true;
      }
    } else if (nameLength === 5 && text.startsWith('event', start)) {
      eventType = text.slice(valueStart, end);
    } else if (nameLength === 2 && text.startsWith('id', start)) {
      const value = text.slice(valueStart, end);
      if (!value.includes('\u0000')) lastEventId = value;
    } else if (nameLength === 5 && text.startsWith('retry', start)) {
      const value = text.slice(valueStart, end);
      if (/^[0-9]+$/.test(value)) retry = Number(value);
    }
    return undefined;
  }

  function decode(chunk: Uint8Array | string): string {
    if (typeof chunk !== 'string') {
      decoderInUse = true;
      return decoder.decode(chunk, { stream: true });
    }
    if (!decoderInUse) return chunk;
    // Text after bytes: flush whatever partial character the decoder holds (it becomes U+FFFD).
    decoderInUse = false;
    return decoder.decode() + chunk;
  }

  function push(chunk: Uint8Array | string): SseEvent[] {
    let text = decode(chunk);
    if (text.length === 0) return [];
    if (!checkedByteOrderMark) {
      checkedByteOrderMark = true;
      if (text.charCodeAt(0) === byteOrderMark) text = text.slice(1);
    }
    if (skipLeadingLineFeed && text.length > 0) {
      skipLeadingLineFeed = false;
      if (text.charCodeAt(0) === lineFeed) text = text.slice(1);
    }

    // Search only the new text for terminators: the partial line has none, and a long line
    // arriving in small chunks must not be rescanned (or flattened) on every push.
    let nextLineFeed = text.indexOf('\n');
    let nextCarriageReturn = text.indexOf('\r');
    if (nextLineFeed === -1 && nextCarriageReturn === -1) {
      partialLine += text;
      return [];
    }
    const offset = partialLine.length;
    if (offset > 0) {
      text = partialLine + text;
      if (nextLineFeed !== -1) nextLineFeed += offset;
      if (nextCarriageReturn !== -1) nextCarriageReturn += offset;
    }

    const events: SseEvent[] = [];
    const length = text.length;
    let position = 0;
    for (;;) {
      if (nextLineFeed !== -1 && nextLineFeed < position) nextLineFeed = text.indexOf('\n', position);
      if (nextCarriageReturn !== -1 && nextCarriageReturn < position) {
        nextCarriageReturn = text.indexOf('\r', position);
      }
      let lineEnd: number;
      if (nextLineFeed === -1) {
        if (nextCarriageReturn === -1) break;
        lineEnd = nextCarriageReturn;
      } else {
        lineEnd =
          nextCarriageReturn === -1 || nextLineFeed < nextCarriageReturn ? nextLineFeed : nextCarriageReturn;
      }

      const event = processLine(text, position, lineEnd);
      if (event !== undefined) events.push(event);

      position = lineEnd + 1;
      if (lineEnd === nextCarriageReturn) {
        if (position === length) {
          skipLeadingLineFeed = true;
        } else if (text.charCodeAt(position) === lineFeed) {
          position += 1;
        }
      }
    }
    partialLine = position >= length ? '' : text.slice(position);
    return events;
  }

  function end(): SseEvent[] {
    if (decoderInUse) {
      decoderInUse = false;
      partialLine += decoder.decode();
    }
    return [];
  }

  function hasPendingData(): boolean {
    return partialLine.length > 0 || hasData || eventType !== '';
  }

  return { push, end, hasPendingData };
}
