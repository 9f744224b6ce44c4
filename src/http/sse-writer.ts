import type { ServerResponse } from 'node:http';
import { GatewayError } from '../canon/errors.js';
import type { SseFrame } from './sse-types.js';

const lineBreakPattern = /\r\n|\r|\n/;

/**
 * Encodes one frame in event-stream syntax. Data containing line breaks becomes several
 * `data:` lines (the reader joins them back with "\n"); a comment becomes `: text` lines.
 * Line breaks inside an event name would end the field early, so they are replaced by spaces.
 */
export function encodeSseFrame(frame: SseFrame): string {
  if ('comment' in frame) {
    const comment = frame.comment;
    if (!hasLineBreak(comment)) return `: ${comment}\n\n`;
    return `${comment
      .split(lineBreakPattern)
      .map((line) => `: ${line}\n`)
      .join('')}\n`;
  }
  const event = frame.event;
  const eventLine =
    event === undefined ? '' : `event: ${hasLineBreak(event) ? event.replace(/[\r\n]/g, ' ') : event}\n`;
  const data = frame.data;
  if (!hasLineBreak(data)) return `${eventLine}data: ${data}\n\n`;
  return `${eventLine}${data
    .split(lineBreakPattern)
    .map((line) => `data: ${line}\n`)
    .join('')}\n`;
}

function hasLineBreak(text: string): boolean {
  return text.includes('\n') || text.includes('\r');
}

/** Options for an SseWriter. */
export interface SseWriterOptions {
  /** Idle time after which a `: keep-alive` comment is sent; default 15 000 ms. */
  keepAliveMs?: number;
}

const keepAliveFrame = ': keep-alive\n\n';

/**
 * Writes server-sent events to a node:http response with backpressure and idle keep-alives.
 * Once the client has gone away every method becomes a no-op, so a streaming pipeline can keep
 * calling it without try/catch; check `closed` to stop producing.
 */
export class SseWriter {
  readonly #response: ServerResponse;
  readonly #keepAliveMs: number;
  #keepAliveTimer: NodeJS.Timeout | undefined;
  #opened = false;
  #closed = false;
  /** One shared wait for 'drain' (or 'close'), so concurrent writers add no extra listeners. */
  #drained: Promise<void> | undefined;

  constructor(response: ServerResponse, options: SseWriterOptions = {}) {
    this.#response = response;
    this.#keepAliveMs = options.keepAliveMs ?? 15_000;
    if (response.destroyed || response.writableEnded) this.#closed = true;
    response.once('close', () => this.#markClosed());
  }

  /** True once `end()` was called or the client connection closed. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Commits the response: writes the status and event-stream headers (plus `headers`) and
   * sends them with the first write (the caller writes the first events right after opening).
   */
  open(status: number, headers: Record<string, string>): void {
    if (this.#closed || this.#opened) return;
    this.#opened = true;
    // Lower-case names so a caller's 'Content-Type' replaces the default instead of duplicating it.
    const head: Record<string, string> = {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    };
    for (const [name, value] of Object.entries(headers)) head[name.toLowerCase()] = value;
    this.#response.writeHead(status, head);
    // Headers are not flushed on their own: the gateway opens a stream at its commit point with the
    // first events in hand, so headers and those events leave in one packet.
    this.#startKeepAlive();
  }

  /**
   * Writes all frames in one socket write. Resolves at once unless the socket buffer is full,
   * in which case it resolves when the buffer drains or the client goes away.
   */
  write(frames: SseFrame[]): Promise<void> {
    if (!this.#opened) {
      return Promise.reject(new GatewayError('internal', 'SseWriter.write called before open'));
    }
    if (this.#closed || frames.length === 0) return Promise.resolve();
    let text = '';
    for (const frame of frames) text += encodeSseFrame(frame);
    this.#keepAliveTimer?.refresh();
    if (this.#response.write(text)) return Promise.resolve();
    return this.#waitForDrain();
  }

  /** Ends the response; safe to call more than once and after the client left. */
  end(): void {
    if (this.#closed) return;
    this.#markClosed();
    this.#response.end();
  }

  #waitForDrain(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    if (this.#drained === undefined) {
      this.#drained = new Promise<void>((resolve) => {
        const response = this.#response;
        const finish = (): void => {
          response.off('drain', finish);
          response.off('close', finish);
          this.#drained = undefined;
          resolve();
        };
        response.on('drain', finish);
        response.on('close', finish);
      });
    }
    return this.#drained;
  }

  #startKeepAlive(): void {
    if (this.#keepAliveMs <= 0) return;
    const timer = setTimeout(() => this.#sendKeepAlive(), this.#keepAliveMs);
    timer.unref();
    this.#keepAliveTimer = timer;
  }

  #sendKeepAlive(): void {
    const timer = this.#keepAliveTimer;
    if (this.#closed || timer === undefined) return;
    // A stalled reader already has bytes queued; a comment would only grow the buffer.
    if (!this.#response.writableNeedDrain) this.#response.write(keepAliveFrame);
    timer.refresh();
  }

  #markClosed(): void {
    this.#closed = true;
    if (this.#keepAliveTimer !== undefined) {
      clearTimeout(this.#keepAliveTimer);
      this.#keepAliveTimer = undefined;
    }
  }
}
