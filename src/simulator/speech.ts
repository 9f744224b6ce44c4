import type { SimulatorContext } from './context.js';
import { invalidRequest, missingParameter } from './errors.js';
import type { Exchange } from './exchange.js';
import { answerEarlyFault } from './fault-responses.js';
import { pcmSamples, speechWav } from './media.js';
import { parseModelRequest } from './model-request.js';

const FORMATS = new Set(['mp3', 'opus', 'aac', 'flac', 'wav', 'pcm']);

/**
 * `POST /v1/audio/speech`: a tone whose length follows the input, as a WAV file (`content-type:
 * audio/wav`) — the simulator encodes no compressed formats, so mp3, opus, aac and flac requests get
 * WAV bytes labelled as WAV — or raw 16-bit samples for `pcm`. The WAV carries the input text, which the
 * simulator's transcription returns.
 */
export function handleSpeech(exchange: Exchange, raw: string, context: SimulatorContext): void {
  const parsed = parseModelRequest(raw, exchange.record);
  if ('status' in parsed) {
    exchange.sendError(parsed);
    return;
  }
  const applied = context.faults.apply(parsed.model, parsed.parsed, Date.now());
  if (answerEarlyFault(exchange, applied, parsed.model)) return;
  const { input, voice, response_format: format = 'mp3', speed = 1 } = parsed.body;
  if (typeof input !== 'string' || input === '') {
    exchange.sendError(missingParameter('input'));
    return;
  }
  if (input.length > 4096) {
    exchange.sendError(
      invalidRequest("'input' may hold at most 4096 characters.", 'input', 'string_above_max_length'),
    );
    return;
  }
  if (voice === undefined) {
    exchange.sendError(missingParameter('voice'));
    return;
  }
  if (typeof format !== 'string' || !FORMATS.has(format)) {
    exchange.sendError(
      invalidRequest(`Invalid response_format '${String(format)}'.`, 'response_format', 'invalid_value'),
    );
    return;
  }
  if (typeof speed !== 'number' || speed < 0.25 || speed > 4) {
    exchange.sendError(invalidRequest("'speed' must be between 0.25 and 4.", 'speed', 'invalid_value'));
    return;
  }
  const bytes = format === 'pcm' ? pcmSamples(input, speed) : speechWav(input, speed);
  const send = () => {
    exchange.sendHead(200, {
      'content-type': format === 'pcm' ? 'audio/pcm' : 'audio/wav',
      'content-length': bytes.length,
    });
    if (applied.fault.cutAfter !== undefined)
      exchange.response.write(bytes.subarray(0, bytes.length >> 1), () => exchange.destroy());
    else exchange.response.end(bytes);
  };
  if (applied.fault.slowMs) exchange.schedule(send, applied.fault.slowMs);
  else send();
}
