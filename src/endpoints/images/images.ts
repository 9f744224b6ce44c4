import { decodeOpenAiError } from '../../codecs/openai-chat/index.js';
import {
  invalid,
  optionalEnum,
  optionalFallbacks,
  optionalInteger,
  optionalString,
  requireObject,
  requireString,
} from '../request-fields.js';
import type { EndpointCall, EndpointDefinition, EndpointReply } from '../types.js';
import { postJson, protocolError, readJsonObject } from '../upstream-request.js';

/** An image generation request: the prompt and the options OpenAI defines, forwarded as given. */
export interface ImageRequest {
  body: Record<string, unknown>;
}

export interface ImageOutput {
  body: Record<string, unknown>;
  images: number;
}

const forwarded = [
  'prompt',
  'n',
  'size',
  'quality',
  'style',
  'response_format',
  'user',
  'background',
  'output_format',
  'output_compression',
  'moderation',
];

/** `POST /v1/images/generations` body → call. */
export function decodeImageRequest(raw: unknown): EndpointCall<ImageRequest> {
  const body = requireObject(raw);
  const model = requireString(body, 'model');
  requireString(body, 'prompt');
  optionalInteger(body, 'n', 1, 10);
  optionalEnum(body, 'response_format', ['url', 'b64_json'] as const);
  optionalString(body, 'size');
  const user = optionalString(body, 'user');
  const unknown = Object.keys(body).filter(
    (key) => key !== 'model' && key !== 'models' && !forwarded.includes(key),
  );
  if (unknown.length > 0) throw invalid(`Unknown parameter: '${unknown[0]}'.`, unknown[0] as string);
  const upstream: Record<string, unknown> = {};
  for (const key of forwarded) if (body[key] !== undefined) upstream[key] = body[key];
  const fallbacks = optionalFallbacks(body);
  return {
    model,
    input: { body: upstream },
    ...(user === undefined ? {} : { endUser: user }),
    ...(fallbacks === undefined ? {} : { fallbackModels: fallbacks }),
  };
}

export function encodeImageResponse(output: ImageOutput): EndpointReply {
  return { kind: 'json', body: output.body };
}

/** Images: OpenAI-compatible `/images/generations`, billed per image returned. */
export const imagesDefinition: EndpointDefinition<ImageRequest, ImageOutput> = {
  endpoint: 'images',
  egress: {
    'openai-chat': {
      buildRequest: (request, target) =>
        postJson(target.provider, '/images/generations', { model: target.model, ...request.body }),
      async readResponse(response) {
        const body = await readJsonObject(response, 'images');
        if (!Array.isArray(body.data)) throw protocolError('images: `data` is not an array');
        return { body, images: body.data.length };
      },
      decodeError: decodeOpenAiError,
    },
  },
  usageOf: (output) => ({ images: output.images }),
};
