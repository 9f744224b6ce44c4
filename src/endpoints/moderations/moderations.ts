import { decodeOpenAiError } from '../../codecs/openai-chat/index.js';
import { countTextTokens } from '../../limits/estimate-tokens.js';
import { invalid, optionalFallbacks, requireObject, requireString } from '../request-fields.js';
import type { EndpointCall, EndpointDefinition, EndpointReply } from '../types.js';
import { isObject, postJson, protocolError, readJsonObject } from '../upstream-request.js';

/** `input`: a string, strings, or OpenAI's multimodal list (`[{type: "text"|"image_url", ...}]`), sent as given. */
export interface ModerationInput {
  input: unknown;
  /** The texts in the input, for the token estimate (moderation upstreams report no usage). */
  texts: string[];
}

export interface ModerationOutput {
  body: Record<string, unknown>;
  inputTokens: number;
}

/** `POST /v1/moderations` body → call. */
export function decodeModerationRequest(raw: unknown): EndpointCall<ModerationInput> {
  const body = requireObject(raw);
  const model = body.model === undefined ? 'omni-moderation-latest' : requireString(body, 'model');
  const input = body.input;
  const texts: string[] = [];
  if (typeof input === 'string' && input !== '') texts.push(input);
  else if (Array.isArray(input) && input.length > 0) {
    input.forEach((item, index) => {
      if (typeof item === 'string') texts.push(item);
      else if (isObject(item) && item.type === 'text' && typeof item.text === 'string') texts.push(item.text);
      else if (!(isObject(item) && item.type === 'image_url'))
        throw invalid(
          `'input[${index}]' must be a string, a text part or an image_url part.`,
          `input[${index}]`,
        );
    });
  } else throw invalid("'input' must be a non-empty string or list.", 'input');
  const fallbacks = optionalFallbacks(body);
  return {
    model,
    input: { input, texts },
    ...(fallbacks === undefined ? {} : { fallbackModels: fallbacks }),
  };
}

/** The upstream's answer as OpenAI shapes it, under the model name the caller used. */
export function encodeModerationResponse(
  output: ModerationOutput,
  call: EndpointCall<ModerationInput>,
): EndpointReply {
  return { kind: 'json', body: { ...output.body, model: call.model } };
}

/** Moderations: OpenAI-compatible `/moderations`; billed by estimated input tokens (free at OpenAI). */
export const moderationsDefinition: EndpointDefinition<ModerationInput, ModerationOutput> = {
  endpoint: 'moderations',
  egress: {
    'openai-chat': {
      buildRequest: (request, target) =>
        postJson(target.provider, '/moderations', { model: target.model, input: request.input }),
      async readResponse(response, request) {
        const body = await readJsonObject(response, 'moderations');
        if (!Array.isArray(body.results)) throw protocolError('moderations: `results` is not an array');
        let tokens = 0;
        for (const text of request.texts) tokens += await countTextTokens(text);
        return { body, inputTokens: tokens };
      },
      decodeError: decodeOpenAiError,
    },
  },
  usageOf: (output) => ({ inputTokens: output.inputTokens, outputTokens: 0, estimated: true }),
};
