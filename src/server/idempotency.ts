import { createHash } from 'node:crypto';
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** A finished answer, byte for byte, ready to be sent again. */
export interface RecordedAnswer {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

type Entry =
  | { state: 'running'; fingerprint: string; done: Promise<void> }
  | { state: 'done'; fingerprint: string; answer: RecordedAnswer; expiresAt: number };

/** What a request with an `Idempotency-Key` should do. */
export type IdempotencyDecision =
  | { action: 'run'; complete(answer: RecordedAnswer | undefined): void }
  | { action: 'replay'; answer: RecordedAnswer }
  | { action: 'mismatch' };

export interface IdempotencyOptions {
  /** How long a result is replayed. Default 24 h. */
  ttlMs?: number;
  /** Results kept at most (oldest dropped first). Default 10 000. */
  maxEntries?: number;
  /** A larger answer is not kept (retries then run again). Default 4 MiB. */
  maxAnswerBytes?: number;
  now?: () => number;
}

/**
 * Remembers answers by (key, Idempotency-Key) so a client retry gets the original result instead of
 * a second upstream call and a second charge; a retry that arrives while the first is still running
 * waits for it. Only successful answers are kept: a failed request was not billed, so its retry runs.
 * In memory, per process: a multi-replica deployment needs the shared store (see the limit store).
 */
export class IdempotencyCache {
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  readonly maxAnswerBytes: number;
  private readonly now: () => number;

  constructor(options: IdempotencyOptions = {}) {
    this.ttlMs = options.ttlMs ?? 86_400_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.maxAnswerBytes = options.maxAnswerBytes ?? 4 * 1024 * 1024;
    this.now = options.now ?? Date.now;
  }

  /** Decides for one request; `run` must be followed by exactly one `complete`. */
  async begin(scope: string, fingerprint: string): Promise<IdempotencyDecision> {
    for (;;) {
      const entry = this.entries.get(scope);
      if (entry?.state === 'running') {
        if (entry.fingerprint !== fingerprint) return { action: 'mismatch' };
        await entry.done;
        continue;
      }
      if (entry?.state === 'done' && entry.expiresAt > this.now()) {
        return entry.fingerprint === fingerprint
          ? { action: 'replay', answer: entry.answer }
          : { action: 'mismatch' };
      }
      let finish = () => {};
      const done = new Promise<void>((resolve) => {
        finish = resolve;
      });
      this.entries.set(scope, { state: 'running', fingerprint, done });
      return {
        action: 'run',
        complete: (answer) => {
          if (answer && answer.body.length <= this.maxAnswerBytes) {
            this.entries.delete(scope);
            this.entries.set(scope, {
              state: 'done',
              fingerprint,
              answer,
              expiresAt: this.now() + this.ttlMs,
            });
            this.evict();
          } else {
            this.entries.delete(scope);
          }
          finish();
        },
      };
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** Drops expired answers, then the oldest ones over the cap (Map order is insertion order). */
  private evict(): void {
    const now = this.now();
    for (const [scope, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && !(entry.state === 'done' && entry.expiresAt <= now)) break;
      if (entry.state === 'done') this.entries.delete(scope);
    }
  }
}

/** A fingerprint of what was asked: a reused key with a different request is refused, not replayed. */
export function fingerprintOf(path: string, body: unknown): string {
  return createHash('sha256').update(path).update('\n').update(JSON.stringify(body)).digest('hex');
}

/** Copies everything written to `response` (status, headers, body bytes) while it is sent. */
export function recordResponse(response: ServerResponse, maxBytes: number): () => RecordedAnswer | undefined {
  let status = 200;
  let headers: OutgoingHttpHeaders = {};
  const chunks: Buffer[] = [];
  let size = 0;
  const originalWriteHead = response.writeHead.bind(response);
  const originalWrite = response.write.bind(response);
  const keep = (chunk: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function' || size > maxBytes) return;
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size <= maxBytes) chunks.push(buffer);
  };
  response.writeHead = ((code: number, ...rest: unknown[]) => {
    status = code;
    const last = rest[rest.length - 1];
    if (last && typeof last === 'object' && !Array.isArray(last))
      headers = { ...(last as OutgoingHttpHeaders) };
    return originalWriteHead(code, ...(rest as []));
  }) as ServerResponse['writeHead'];
  response.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(chunk);
    return originalWrite(chunk as string, ...(rest as []));
  }) as ServerResponse['write'];
  const originalEnd = response.end.bind(response);
  response.end = ((chunk?: unknown, ...rest: unknown[]) => {
    keep(chunk);
    return originalEnd(chunk as string, ...(rest as []));
  }) as ServerResponse['end'];
  return () => (size > maxBytes ? undefined : { status, headers, body: Buffer.concat(chunks) });
}
