/**
 * The duration in seconds of a RIFF/WAVE file (data bytes / byte rate), or undefined when the bytes
 * are not a WAV with a format and a data chunk. Used to bill a transcription whose upstream did not
 * report the audio's length.
 */
export function wavDurationSeconds(bytes: Uint8Array): number | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (
    buffer.length < 12 ||
    buffer.toString('latin1', 0, 4) !== 'RIFF' ||
    buffer.toString('latin1', 8, 12) !== 'WAVE'
  )
    return undefined;
  let byteRate: number | undefined;
  let offset = 12;
  while (offset + 8 <= buffer.length) {
    const id = buffer.toString('latin1', offset, offset + 4);
    const size = buffer.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ' && size >= 16 && body + 12 <= buffer.length) byteRate = buffer.readUInt32LE(body + 8);
    if (id === 'data') {
      if (!byteRate) return undefined;
      return Math.min(size, buffer.length - body) / byteRate;
    }
    offset = body + size + (size % 2);
  }
  return undefined;
}
