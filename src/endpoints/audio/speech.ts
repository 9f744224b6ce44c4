import { decodeOpenAiError } from '../../codecs/openai-chat/index.js';
import { invalid, optionalEnum, optionalFallbacks, requireObject, requireString } from '../request-fields.js';
import type { EndpointCall, EndpointDefinition, EndpointReply } from '../types.js';
import { postJson, readBytes } from '../upstream-request.js';

const formats = ['mp3', 'opus', 'aac', 'flac', 'wav', 'pcm'] as const;
type SpeechFormat = (typeof formats)[number];

/** The content type of each `response_format`, for upstreams that send none. */
const contentTypes: Record<SpeechFormat, string> = {
  mp3: 'audio/mpeg',
  opus: 'audio/opus',
  aac: 'audio/aac',
  flac: 'audio/flac',
  wav: 'audio/wav',
  pcm: 'audio/pcm',
};

/** Generous for 4096 characters of speech in any format; bounds what one answer can hold in memory. */
const maxAudioBytes = 64 * 1024 * 1024;

export interface SpeechRequest {
  body: Record<string, unknown>;
  format: SpeechFormat;
  /** Characters billed: the input's code points. */
  characters: number;
}

export interface SpeechOutput {
  audio: Uint8Array;
  contentType: string;
}

/** `POST /v1/audio/speech` body → call. */
export function decodeSpeechRequest(raw: unknown): EndpointCall<SpeechRequest> {
  const body = requireObject(raw);
  const model = requireString(body, 'model');
  const input = requireString(body, 'input');
  if (input.length > 4096) throw invalid("'input' may hold at most 4096 characters.", 'input');
  requireString(body, 'voice');
  const format = optionalEnum(body, 'response_format', formats) ?? 'mp3';
  const speed = body.speed;
  if (speed !== undefined && (typeof speed !== 'number' || speed < 0.25 || speed > 4))
    throw invalid("'speed' must be a number from 0.25 to 4.", 'speed');
  const upstream: Record<string, unknown> = {};
  for (const key of ['input', 'voice', 'response_format', 'speed', 'instructions', 'stream_format'])
    if (body[key] !== undefined) upstream[key] = body[key];
  const fallbacks = optionalFallbacks(body);
  return {
    model,
    input: { body: upstream, format, characters: [...input].length },
    ...(fallbacks === undefined ? {} : { fallbackModels: fallbacks }),
  };
}

export function encodeSpeechResponse(output: SpeechOutput): EndpointReply {
  return { kind: 'bytes', contentType: output.contentType, bytes: output.audio };
}

/** Speech: OpenAI-compatible `/audio/speech`; the audio is relayed with the upstream's content type. */
export const speechDefinition: EndpointDefinition<SpeechRequest, SpeechOutput> = {
  endpoint: 'speech',
  egress: {
    'openai-chat': {
      buildRequest: (request, target) => {
        const spec = postJson(target.provider, '/audio/speech', { model: target.model, ...request.body });
        spec.headers.accept = '*/*';
        return spec;
      },
      async readResponse(response, request) {
        const contentType = response.headers['content-type'] ?? contentTypes[request.format];
        return { audio: await readBytes(response, maxAudioBytes), contentType };
      },
      decodeError: decodeOpenAiError,
    },
  },
  usageOf: (_output, request) => ({ characters: request.characters }),
};
