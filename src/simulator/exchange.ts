import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimulatedError } from './errors.js';
import { protocolErrorBody, protocolHeaders } from './protocol.js';
import type { Recorder } from './recorder.js';
import type { SimulatorRecord } from './types.js';

let requestCounter = 0;
const requestPrefix = Math.floor(Math.random() * 0xffffff)
  .toString(16)
  .padStart(6, '0');

/**
 * One request/response pair: writes the answer, keeps the record current, and owns the timers
 * of delayed answers so they die with the connection.
 */
export class Exchange {
  /** The request body as bytes (multipart uploads need them unchanged). */
  bodyBytes: Buffer = Buffer.alloc(0);
  readonly requestId = `req_${requestPrefix}${(++requestCounter).toString(16).padStart(10, '0')}`;
  closed = false;
  #serverClosed = false;
  readonly #timers = new Set<NodeJS.Timeout>();
  /**
   * Serialises error answers; the protocol's envelope unless a handler needs another framing
   * (Gemini wraps errors of its JSON-array stream in an array).
   */
  renderError: (error: SimulatedError) => string = (error) =>
    protocolErrorBody(this.record.protocol, error, this.requestId);

  constructor(
    readonly request: IncomingMessage,
    readonly response: ServerResponse,
    readonly record: SimulatorRecord,
    private readonly recorder: Recorder,
  ) {
    response.on('close', () => {
      this.closed = true;
      for (const timer of this.#timers) clearTimeout(timer);
      this.#timers.clear();
      record.endedAt = Date.now();
      if (!response.writableFinished && !this.#serverClosed) record.aborted = true;
      recorder.changed(record);
    });
  }

  /** The query parameters of the request URL (Gemini reads `alt` and `key` there). */
  get query(): URLSearchParams {
    const url = this.request.url ?? '';
    const start = url.indexOf('?');
    return new URLSearchParams(start === -1 ? '' : url.slice(start + 1));
  }

  /** Sends the status line and headers (plus the protocol's common ones) and stamps the record. */
  sendHead(status: number, headers: Record<string, string | number>): void {
    if (this.closed) return;
    this.response.writeHead(
      status,
      Object.assign(protocolHeaders(this.record.protocol, this.requestId), headers),
    );
    this.record.status = status;
    this.record.respondedAt = Date.now();
    this.recorder.changed(this.record);
  }

  /** Tells `waitFor` listeners that the record gained information (model, body, fault). */
  recordChanged(): void {
    this.recorder.changed(this.record);
  }

  /** Sends a complete JSON answer. */
  sendJson(status: number, body: string, headers: Record<string, string> = {}): void {
    this.sendHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      ...headers,
    });
    this.response.end(body);
  }

  sendError(error: SimulatedError): void {
    this.sendJson(error.status, this.renderError(error), error.headers);
  }

  /** Runs `callback` after `delayMs` unless the connection closes first. */
  schedule(callback: () => void, delayMs: number): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      if (!this.closed) callback();
    }, delayMs);
    this.#timers.add(timer);
  }

  /** Kills the connection from the server side (not an abort): with `reset`, an RST instead of a FIN. */
  destroy(reset = false): void {
    this.#serverClosed = true;
    const socket = this.request.socket;
    if (reset && typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
    else socket.destroy();
  }
}
