import type { ServerResponse } from 'node:http';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createSseParser } from './sse-parser.js';
import { encodeSseFrame, SseWriter } from './sse-writer.js';
import { deferred, delay, startTestServer, type TestServer } from './test-server.js';

let current: TestServer | undefined;

afterEach(async () => {
  await current?.close();
  current = undefined;
});

async function serve(handler: (response: ServerResponse) => Promise<void> | void): Promise<string> {
  current = await startTestServer((_request, response) => {
    void handler(response);
  });
  return current.url;
}

describe('encodeSseFrame', () => {
  it('encodes data, named events, multi-line data and comments', () => {
    expect(encodeSseFrame({ data: '{"a":1}' })).toBe('data: {"a":1}\n\n');
    expect(encodeSseFrame({ event: 'ping', data: '{}' })).toBe('event: ping\ndata: {}\n\n');
    expect(encodeSseFrame({ data: 'one\ntwo\r\nthree\rfour' })).toBe(
      'data: one\ndata: two\ndata: three\ndata: four\n\n',
    );
    expect(encodeSseFrame({ comment: 'keep-alive' })).toBe(': keep-alive\n\n');
    expect(encodeSseFrame({ comment: 'a\nb' })).toBe(': a\n: b\n\n');
    expect(encodeSseFrame({ event: 'bad\nname', data: 'x' })).toBe('event: bad name\ndata: x\n\n');
  });

  it('round-trips through the parser, including empty lines and leading spaces', () => {
    const frames = [{ data: '' }, { data: ' padded\n\nend' }, { event: 'e', data: '😀' }];
    const parser = createSseParser();
    const events = parser.push(frames.map(encodeSseFrame).join(''));
    expect(events).toStrictEqual([{ data: '' }, { data: ' padded\n\nend' }, { event: 'e', data: '😀' }]);
  });
});

describe('SseWriter', () => {
  it('sends event-stream headers and frames in order', async () => {
    const url = await serve(async (response) => {
      const writer = new SseWriter(response);
      writer.open(200, { 'x-request-id': 'abc', 'Cache-Control': 'no-cache, no-transform' });
      await writer.write([{ data: 'a' }, { event: 'e', data: 'b\nc' }]);
      await writer.write([{ comment: 'note' }, { data: '[DONE]' }]);
      writer.end();
      expect(writer.closed).toBe(true);
    });
    const response = await request(`${url}/`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache, no-transform');
    expect(response.headers.connection).toBe('keep-alive');
    expect(response.headers['x-accel-buffering']).toBe('no');
    expect(response.headers['x-request-id']).toBe('abc');
    expect(await response.body.text()).toBe(
      'data: a\n\nevent: e\ndata: b\ndata: c\n\n: note\n\ndata: [DONE]\n\n',
    );
  });

  it('sends keep-alive comments only while idle', async () => {
    const url = await serve(async (response) => {
      const writer = new SseWriter(response, { keepAliveMs: 80 });
      writer.open(200, {});
      for (let index = 0; index < 15; index += 1) {
        await writer.write([{ data: String(index) }]);
        await delay(10);
      }
      await delay(200);
      writer.end();
    });
    const response = await request(`${url}/`);
    const text = await response.body.text();
    const keepAliveAt = text.indexOf(': keep-alive\n\n');
    expect(keepAliveAt).toBeGreaterThan(text.indexOf('data: 14\n\n'));
    expect(text.slice(0, text.indexOf('data: 14'))).not.toContain('keep-alive');
  });

  /** Writes big frames until one write stays pending (the reader stopped reading). */
  async function fillUntilBlocked(
    writer: SseWriter,
    frame: { data: string },
  ): Promise<{
    pending: Promise<void>;
    framesWritten: number;
  }> {
    for (let framesWritten = 1; framesWritten <= 2000; framesWritten += 1) {
      const write = writer.write([frame]);
      const stillPending = await Promise.race([write.then(() => false), delay(50).then(() => true)]);
      if (stillPending) return { pending: write, framesWritten };
    }
    throw new Error('the socket never applied backpressure');
  }

  it('waits for drain when the reader is slow, then resumes', async () => {
    const frame = { data: 'x'.repeat(256 * 1024) };
    let pendingSettled = false;
    const blocked = deferred<number>();
    const url = await serve(async (response) => {
      const writer = new SseWriter(response);
      writer.open(200, {});
      const { pending, framesWritten } = await fillUntilBlocked(writer, frame);
      const settled = pending.then(() => {
        pendingSettled = true;
      });
      blocked.resolve(framesWritten);
      await settled;
      writer.end();
    });
    const response = await request(`${url}/`);
    const framesWritten = await blocked.promise;
    await delay(100);
    expect(pendingSettled).toBe(false);

    let received = 0;
    for await (const chunk of response.body) received += (chunk as Buffer).length;
    expect(pendingSettled).toBe(true);
    expect(received).toBe(framesWritten * encodeSseFrame(frame).length);
  });

  it('stops quietly when the client goes away, even mid-backpressure', async () => {
    const blocked = deferred<void>();
    const outcome = deferred<{ pendingResolved: boolean; closed: boolean; error: unknown }>();
    const url = await serve(async (response) => {
      const writer = new SseWriter(response, { keepAliveMs: 20 });
      writer.open(200, {});
      const { pending } = await fillUntilBlocked(writer, { data: 'y'.repeat(256 * 1024) });
      blocked.resolve();
      let error: unknown;
      let pendingResolved = false;
      try {
        await pending;
        pendingResolved = true;
        await writer.write([{ data: 'after close' }]);
        await delay(60);
        writer.end();
      } catch (caught) {
        error = caught;
      }
      outcome.resolve({ pendingResolved, closed: writer.closed, error });
    });
    const controller = new AbortController();
    const response = await request(`${url}/`, { signal: controller.signal });
    expect(response.statusCode).toBe(200);
    await blocked.promise;
    controller.abort();
    await response.body.dump().catch(() => undefined);
    expect(await outcome.promise).toStrictEqual({ pendingResolved: true, closed: true, error: undefined });
  });

  it('rejects a write before open', async () => {
    const outcome = deferred<unknown>();
    const url = await serve(async (response) => {
      const writer = new SseWriter(response);
      outcome.resolve(await writer.write([{ data: 'x' }]).catch((error: unknown) => error));
      response.end();
    });
    await (await request(`${url}/`)).body.dump();
    expect(await outcome.promise).toMatchObject({ name: 'GatewayError', kind: 'internal' });
  });
});
