import { randomBytes } from 'node:crypto';
import { decodeOpenAiError } from '../../codecs/openai-chat/index.js';
import type { MultipartForm } from '../multipart.js';
import { buildMultipart, type FormFile } from '../multipart.js';
import { invalid } from '../request-fields.js';
import type { EndpointCall, EndpointDefinition, EndpointReply } from '../types.js';
import { isObject, protocolError, providerHeaders, readJsonObject } from '../upstream-request.js';
import { wavDurationSeconds } from './wav-duration.js';

const formats = ['json', 'text', 'verbose_json', 'srt', 'vtt'];
/** Fields forwarded to the upstream as given (besides `file` and `model`). */
const forwardedFields = [
  'language',
  'prompt',
  'response_format',
  'temperature',
  'timestamp_granularities[]',
  'chunking_strategy',
  'include[]',
];

export interface TranscriptionRequest {
  file: FormFile;
  fields: Array<[string, string]>;
  format: string;
  /** The upload's own duration when it is a WAV (the fallback for billing). */
  wavSeconds?: number;
}

export type TranscriptionOutput =
  | { kind: 'json'; body: Record<string, unknown> }
  | { kind: 'text'; text: string; contentType: string };

/** `POST /v1/audio/transcriptions` multipart form → call. */
export function decodeTranscriptionRequest(form: MultipartForm): EndpointCall<TranscriptionRequest> {
  const model = form.fields.get('model');
  if (!model) throw invalid("Missing required parameter: 'model'.", 'model');
  const files = form.files.filter((file) => file.field === 'file');
  const file = files[0];
  if (!file || file.data.length === 0)
    throw invalid("Missing required parameter: 'file' (an audio upload).", 'file');
  if (files.length > 1) throw invalid("Send exactly one 'file'.", 'file');
  const format = form.fields.get('response_format') ?? 'json';
  if (!formats.includes(format))
    throw invalid(`'response_format' must be one of ${formats.join(', ')}.`, 'response_format');
  const fields: Array<[string, string]> = [];
  for (const name of forwardedFields) {
    const value = form.fields.get(name);
    if (value !== undefined) fields.push([name, value]);
  }
  const request: TranscriptionRequest = { file, fields, format };
  const seconds = wavDurationSeconds(file.data);
  if (seconds !== undefined) request.wavSeconds = seconds;
  return { model, input: request };
}

export function encodeTranscriptionResponse(output: TranscriptionOutput): EndpointReply {
  return output.kind === 'json' ? { kind: 'json', body: output.body } : output;
}

/**
 * Seconds of audio billed: the upstream's `usage.seconds` (whisper-1 reports it), else verbose_json's
 * `duration`, else the WAV header of the upload; undefined when none is known (cost unknown).
 */
export function transcriptionSeconds(
  output: TranscriptionOutput,
  request: TranscriptionRequest,
): number | undefined {
  if (output.kind === 'json') {
    const usage = isObject(output.body.usage) ? output.body.usage : undefined;
    if (usage?.type === 'duration' && typeof usage.seconds === 'number') return usage.seconds;
    if (typeof output.body.duration === 'number') return output.body.duration;
  }
  return request.wavSeconds;
}

/** Transcriptions: OpenAI-compatible `/audio/transcriptions`, the upload re-sent as multipart. */
export const transcriptionsDefinition: EndpointDefinition<TranscriptionRequest, TranscriptionOutput> = {
  endpoint: 'transcriptions',
  egress: {
    'openai-chat': {
      buildRequest(request, target) {
        const boundary = `switchyard-${randomBytes(12).toString('hex')}`;
        const { provider } = target;
        return {
          url: `${provider.baseUrl.replace(/\/+$/, '')}/audio/transcriptions`,
          method: 'POST',
          headers: providerHeaders(provider, `multipart/form-data; boundary=${boundary}`),
          body: buildMultipart([['model', target.model], ...request.fields], [request.file], boundary),
        };
      },
      async readResponse(response, request) {
        const contentType = response.headers['content-type'] ?? '';
        if (contentType.includes('json')) {
          const body = await readJsonObject(response, 'transcriptions');
          if (request.format !== 'text' && typeof body.text !== 'string')
            throw protocolError('transcriptions: no `text`');
          return { kind: 'json', body };
        }
        return {
          kind: 'text',
          text: await response.text(),
          contentType: contentType || 'text/plain; charset=utf-8',
        };
      },
      decodeError: decodeOpenAiError,
    },
  },
  usageOf: (output, request) => {
    const seconds = transcriptionSeconds(output, request);
    return seconds === undefined ? {} : { seconds };
  },
};
