import { crc32, deflateSync } from 'node:zlib';
import { hashString } from './hash.js';

/**
 * A small valid PNG (`size`×`size`, RGB) whose colours come from the prompt's hash: the same prompt
 * always gives the same bytes.
 */
export function promptImagePng(prompt: string, size = 8): Buffer {
  const seed = hashString(prompt);
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      const offset = 1 + x * 3;
      row[offset] = (seed >>> 16) ^ (x * 29);
      row[offset + 1] = (seed >>> 8) ^ (y * 31);
      row[offset + 2] = seed ^ ((x + y) * 17);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit depth, truecolour, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed), 0);
  return Buffer.concat([length, typed, crc]);
}

export const SAMPLE_RATE = 8000;

/**
 * A valid 16-bit mono PCM WAV of a tone: about 60 ms per character of `text` (0.2 s to 5 s). The text
 * rides along in a `LIST/INFO/ICMT` chunk, so the simulator's transcription can give it back.
 */
export function speechWav(text: string, speed = 1): Buffer {
  const samples = pcmSamples(text, speed);
  const comment = Buffer.from(`${text}\u0000`, 'utf8');
  const padded = comment.length % 2 === 0 ? comment : Buffer.concat([comment, Buffer.alloc(1)]);
  const info = Buffer.concat([Buffer.from('INFOICMT', 'ascii'), u32(comment.length), padded]);
  const format = Buffer.concat([u16(1), u16(1), u32(SAMPLE_RATE), u32(SAMPLE_RATE * 2), u16(2), u16(16)]);
  const chunks = Buffer.concat([
    Buffer.from('fmt ', 'ascii'),
    u32(format.length),
    format,
    Buffer.from('LIST', 'ascii'),
    u32(info.length),
    info,
    Buffer.from('data', 'ascii'),
    u32(samples.length),
    samples,
  ]);
  return Buffer.concat([
    Buffer.from('RIFF', 'ascii'),
    u32(4 + chunks.length),
    Buffer.from('WAVE', 'ascii'),
    chunks,
  ]);
}

/** The raw 16-bit little-endian samples of the tone (OpenAI's `pcm` format). */
export function pcmSamples(text: string, speed = 1): Buffer {
  const seconds = Math.min(5, Math.max(0.2, (text.length * 0.06) / speed));
  const count = Math.round(seconds * SAMPLE_RATE);
  const frequency = 220 + (hashString(text) % 440);
  const samples = Buffer.alloc(count * 2);
  for (let index = 0; index < count; index++) {
    samples.writeInt16LE(
      Math.round(8000 * Math.sin((2 * Math.PI * frequency * index) / SAMPLE_RATE)),
      index * 2,
    );
  }
  return samples;
}

/** What a WAV file says about itself: duration and the ICMT comment, when present. */
export function readWav(bytes: Buffer): { seconds: number; comment?: string } | undefined {
  if (
    bytes.length < 12 ||
    bytes.toString('ascii', 0, 4) !== 'RIFF' ||
    bytes.toString('ascii', 8, 12) !== 'WAVE'
  )
    return undefined;
  let byteRate = 0;
  let dataBytes = 0;
  let comment: string | undefined;
  for (let offset = 12; offset + 8 <= bytes.length; ) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ' && size >= 16) byteRate = bytes.readUInt32LE(body + 8);
    else if (id === 'data') dataBytes = Math.min(size, bytes.length - body);
    else if (id === 'LIST' && bytes.toString('ascii', body, body + 4) === 'INFO') {
      const commentAt = bytes.indexOf('ICMT', body, 'ascii');
      if (commentAt >= 0 && commentAt < body + size) {
        const length = bytes.readUInt32LE(commentAt + 4);
        comment = bytes.toString('utf8', commentAt + 8, commentAt + 8 + length).split('\u0000')[0];
      }
    }
    offset = body + size + (size % 2);
  }
  if (byteRate === 0) return undefined;
  return { seconds: dataBytes / byteRate, ...(comment === undefined ? {} : { comment }) };
}

function u16(value: number): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16LE(value, 0);
  return buffer;
}

function u32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(value, 0);
  return buffer;
}
