import { describe, expect, it } from 'vitest';
import { GatewayError } from '../canon/index.js';
import { buildMultipart, parseMultipart, readBoundary } from './multipart.js';

const boundary = 'XyZ123';

function errorOf(run: () => unknown): GatewayError {
  try {
    run();
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

describe('multipart/form-data', () => {
  it('reads the boundary, quoted or not, only from multipart/form-data', () => {
    expect(readBoundary('multipart/form-data; boundary=abc')).toBe('abc');
    expect(readBoundary('Multipart/Form-Data; charset=utf-8; boundary="a b:c"')).toBe('a b:c');
    expect(readBoundary('application/json')).toBeUndefined();
    expect(readBoundary('multipart/form-data')).toBeUndefined();
  });

  it('round-trips fields and a binary file through build and parse', () => {
    const audio = Buffer.from([0, 1, 2, 0x0d, 0x0a, 0x2d, 0x2d, 255, 254]);
    const body = buildMultipart(
      [
        ['model', 'whisper-1'],
        ['language', 'fr'],
      ],
      [{ field: 'file', filename: 'clip "1".wav', contentType: 'audio/wav', data: audio }],
      boundary,
    );
    const form = parseMultipart(body, boundary);
    expect(form.fields.get('model')).toBe('whisper-1');
    expect(form.fields.get('language')).toBe('fr');
    expect(form.files).toHaveLength(1);
    expect(form.files[0]).toMatchObject({
      field: 'file',
      filename: 'clip "1".wav',
      contentType: 'audio/wav',
    });
    expect(form.files[0]?.data).toEqual(audio);
  });

  it('parses what the platform FormData encoder writes', async () => {
    const data = new FormData();
    data.append('model', 'm');
    data.append('file', new Blob([new Uint8Array([1, 2, 3])], { type: 'audio/mpeg' }), 'a.mp3');
    const request = new Request('http://x/', { method: 'POST', body: data });
    const parsedBoundary = readBoundary(request.headers.get('content-type') ?? undefined) as string;
    const form = parseMultipart(Buffer.from(await request.arrayBuffer()), parsedBoundary);
    expect(form.fields.get('model')).toBe('m');
    expect(form.files[0]?.data).toEqual(Buffer.from([1, 2, 3]));
    expect(form.files[0]?.contentType).toBe('audio/mpeg');
  });

  it('rejects malformed bodies with a 400 naming the problem', () => {
    expect(errorOf(() => parseMultipart(Buffer.from('nothing here'), boundary)).message).toMatch(
      /boundary never appears/,
    );
    const unterminated = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue`,
    );
    expect(errorOf(() => parseMultipart(unterminated, boundary)).message).toMatch(/closing boundary/);
    const nameless = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data\r\n\r\nv\r\n--${boundary}--`,
    );
    expect(errorOf(() => parseMultipart(nameless, boundary)).status).toBe(400);
  });

  it('bounds the number of parts and the size of text fields', () => {
    const many = buildMultipart(
      Array.from({ length: 5 }, (_, index): [string, string] => [`f${index}`, 'v']),
      [],
      boundary,
    );
    expect(
      errorOf(() => parseMultipart(many, boundary, { maxParts: 3, maxHeaderBytes: 1000, maxFieldBytes: 100 }))
        .message,
    ).toMatch(/more than 3 parts/);
    const big = buildMultipart([['prompt', 'x'.repeat(200)]], [], boundary);
    expect(
      errorOf(() => parseMultipart(big, boundary, { maxParts: 3, maxHeaderBytes: 1000, maxFieldBytes: 100 }))
        .message,
    ).toMatch(/exceeds 100 bytes/);
  });
});
