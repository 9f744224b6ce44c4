import type { SimulatorContext } from './context.js';
import { invalidRequest, missingParameter } from './errors.js';
import type { Exchange } from './exchange.js';
import { answerEarlyFault, sendJsonWithFault } from './fault-responses.js';
import { readWav } from './media.js';
import { parseModelName } from './model-request.js';

/** One part of a multipart/form-data body. */
interface FormPart {
  name: string;
  filename?: string;
  data: Buffer;
}

/** A minimal multipart/form-data reader (the simulator keeps its own, independent of the gateway's). */
function readForm(body: Buffer, contentType: string | undefined): FormPart[] | undefined {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType ?? '')?.[1];
  if (!boundary || !/^multipart\/form-data/i.test(contentType ?? '')) return undefined;
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const headerStart = start + delimiter.length + 2;
    if (body.subarray(start + delimiter.length, start + delimiter.length + 2).toString() === '--') break;
    const headerEnd = body.indexOf('\r\n\r\n', headerStart);
    const next = body.indexOf(delimiter, headerEnd);
    if (headerEnd < 0 || next < 0) return undefined;
    const headers = body.toString('utf8', headerStart, headerEnd);
    const name = /name="([^"]*)"/i.exec(headers)?.[1];
    const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
    if (name !== undefined)
      parts.push({
        name,
        ...(filename === undefined ? {} : { filename }),
        data: body.subarray(headerEnd + 4, next - 2),
      });
    start = next;
  }
  return parts;
}

/**
 * `POST /v1/audio/transcriptions` (multipart: `file`, `model`, `language?`, `response_format?`). A WAV
 * made by the simulator's speech endpoint is transcribed to its original text; any other file to a
 * sentence naming it. The duration is the WAV's own, or 16 000 bytes per second for other files.
 */
export function handleTranscriptions(exchange: Exchange, context: SimulatorContext): void {
  const form = readForm(exchange.bodyBytes, exchange.request.headers['content-type']);
  if (!form) {
    exchange.sendError(
      invalidRequest('Send the audio as multipart/form-data.', null, 'invalid_content_type'),
    );
    return;
  }
  const field = (name: string) =>
    form.find((part) => part.name === name && part.filename === undefined)?.data.toString('utf8');
  exchange.record.body = Object.fromEntries(
    form.map((part) => [part.name, part.filename ?? part.data.toString('utf8')]),
  );
  const model = field('model');
  if (!model) {
    exchange.sendError(missingParameter('model'));
    return;
  }
  const parsed = parseModelName(model, exchange.record, {
    invalidJson: () => invalidRequest('invalid body'),
    notObject: () => invalidRequest('invalid body'),
    missingModel: () => missingParameter('model'),
    invalidModel: (message) => invalidRequest(message, 'model', 'invalid_value'),
  });
  if ('status' in parsed) {
    exchange.sendError(parsed);
    return;
  }
  const applied = context.faults.apply(model, parsed, Date.now());
  if (answerEarlyFault(exchange, applied, model)) return;
  const file = form.find((part) => part.name === 'file' && part.filename !== undefined);
  if (!file || file.data.length === 0) {
    exchange.sendError(missingParameter('file'));
    return;
  }
  const format = field('response_format') ?? 'json';
  if (!['json', 'text', 'verbose_json'].includes(format)) {
    exchange.sendError(
      invalidRequest(`Invalid response_format '${format}'.`, 'response_format', 'invalid_value'),
    );
    return;
  }
  const wav = readWav(file.data);
  const seconds = Math.round((wav ? wav.seconds : file.data.length / 16_000) * 100) / 100;
  const text = wav?.comment ?? `Simulated transcript of ${file.filename} (${file.data.length} bytes).`;
  if (format === 'text') {
    sendJsonWithFault(exchange, `${text}\n`, applied.fault, 'text/plain; charset=utf-8');
    return;
  }
  const usage = { type: 'duration', seconds: Math.ceil(seconds) };
  const body =
    format === 'json'
      ? { text, usage }
      : {
          task: 'transcribe',
          language: field('language') ?? 'english',
          duration: seconds,
          text,
          segments: [
            {
              id: 0,
              seek: 0,
              start: 0,
              end: seconds,
              text,
              tokens: [],
              temperature: 0,
              avg_logprob: -0.1,
              compression_ratio: 1,
              no_speech_prob: 0,
            },
          ],
          usage,
        };
  sendJsonWithFault(exchange, JSON.stringify(body), applied.fault);
}
