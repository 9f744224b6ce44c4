import { describe, expect, it } from 'vitest';
import { sseFixtures } from './sse-parser.fixtures.js';
import { createSseParser } from './sse-parser.js';
import type { SseEvent } from './sse-types.js';

const encoder = new TextEncoder();

function parseChunks(chunks: Array<Uint8Array | string>): SseEvent[] {
  const parser = createSseParser();
  const events: SseEvent[] = [];
  for (const chunk of chunks) events.push(...parser.push(chunk));
  events.push(...parser.end());
  return events;
}

describe('createSseParser fixtures', () => {
  for (const fixture of sseFixtures) {
    describe(fixture.name, () => {
      const bytes = encoder.encode(fixture.raw);

      it('parses in one shot (bytes and text)', () => {
        expect(parseChunks([bytes])).toStrictEqual(fixture.expected);
        expect(parseChunks([fixture.raw])).toStrictEqual(fixture.expected);
      });

      it('gives the same events when split into two byte chunks at every boundary', () => {
        for (let split = 0; split <= bytes.length; split += 1) {
          const events = parseChunks([bytes.subarray(0, split), bytes.subarray(split)]);
          if (JSON.stringify(events) !== JSON.stringify(fixture.expected)) {
            expect({ split, events }).toStrictEqual({ split, events: fixture.expected });
          }
        }
      });

      it('gives the same events when fed byte by byte', () => {
        const chunks = Array.from(bytes, (_, index) => bytes.subarray(index, index + 1));
        expect(parseChunks(chunks)).toStrictEqual(fixture.expected);
      });

      it('gives the same events when fed code unit by code unit as text', () => {
        expect(parseChunks(fixture.raw.split(''))).toStrictEqual(fixture.expected);
      });
    });
  }
});

describe('createSseParser behaviour', () => {
  it('treats CR at the end of one chunk and LF at the start of the next as one line break', () => {
    const parser = createSseParser();
    expect(parser.push('data: a\r')).toStrictEqual([]);
    expect(parser.push('\ndata: b\r')).toStrictEqual([]);
    // This LF would be a blank line (dispatch) if the CR/LF pair were not joined.
    expect(parser.push('\n')).toStrictEqual([]);
    expect(parser.push('\r\n')).toStrictEqual([{ data: 'a\nb' }]);
  });

  it('returns events as soon as their blank line arrives', () => {
    const parser = createSseParser();
    expect(parser.push('data: one\n\ndata: tw')).toStrictEqual([{ data: 'one' }]);
    expect(parser.push('o\n')).toStrictEqual([]);
    expect(parser.push('\n')).toStrictEqual([{ data: 'two' }]);
  });

  it('decodes a 4-byte emoji split across three chunks', () => {
    const bytes = encoder.encode('data: 🎉\n\n');
    const parser = createSseParser();
    const events = [
      ...parser.push(bytes.subarray(0, 7)),
      ...parser.push(bytes.subarray(7, 9)),
      ...parser.push(bytes.subarray(9)),
    ];
    expect(events).toStrictEqual([{ data: '🎉' }]);
  });

  it('reports pending data for a truncated stream and none for a complete one', () => {
    const complete = createSseParser();
    complete.push('data: a\n\n: trailing comment\n');
    expect(complete.end()).toStrictEqual([]);
    expect(complete.hasPendingData()).toBe(false);

    const truncatedLine = createSseParser();
    truncatedLine.push('data: {"partial":');
    expect(truncatedLine.end()).toStrictEqual([]);
    expect(truncatedLine.hasPendingData()).toBe(true);

    const missingBlankLine = createSseParser();
    missingBlankLine.push('data: done\n');
    expect(missingBlankLine.end()).toStrictEqual([]);
    expect(missingBlankLine.hasPendingData()).toBe(true);

    const splitCharacter = createSseParser();
    splitCharacter.push(encoder.encode('data: a\n\n€').subarray(0, 10));
    expect(splitCharacter.hasPendingData()).toBe(false);
    splitCharacter.end();
    expect(splitCharacter.hasPendingData()).toBe(true);
  });

  it('handles a long line that arrives in many small chunks', () => {
    const payload = 'x'.repeat(200_000);
    const parser = createSseParser();
    const events: SseEvent[] = [];
    const raw = `data: ${payload}\n\n`;
    for (let index = 0; index < raw.length; index += 1000)
      events.push(...parser.push(raw.slice(index, index + 1000)));
    expect(events).toHaveLength(1);
    expect(events[0]?.data.length).toBe(200_000);
  });

  it('accepts text chunks after byte chunks', () => {
    const parser = createSseParser();
    expect(parser.push(encoder.encode('data: a'))).toStrictEqual([]);
    expect(parser.push('b\n\n')).toStrictEqual([{ data: 'ab' }]);
  });
});
