import type {
  AssistantMessage,
  CanonMessage,
  CanonRequest,
  FilePart,
  ImagePart,
  TextPart,
  Warning,
} from '../../canon/index.js';
import { encodeDataUrl } from '../shared/data-url.js';
import { listForeignFields } from '../shared/foreign-fields.js';

type WireObject = Record<string, unknown>;

/** What an OpenAI-compatible upstream accepts, where vendors differ. */
export interface OpenAiChatEncodeOptions {
  /** Field used for the output limit (reasoning models reject `max_tokens`). */
  maxTokensField: 'max_tokens' | 'max_completion_tokens';
  /** Upstream understands `stream_options.include_usage`. */
  streamUsage: boolean;
}

/** `ext` families whose parameters an OpenAI-compatible body takes (adapters map their provider names here). */
const ownFamilies: ReadonlySet<string> = new Set(['openai']);

/** Responses request fields that mean the same in Chat Completions, carried over for a Responses caller. */
const responsesFieldsChatAccepts: ReadonlySet<string> = new Set([
  'service_tier',
  'prompt_cache_key',
  'prompt_cache_retention',
  'safety_identifier',
]);

const defaultOptions: OpenAiChatEncodeOptions = {
  maxTokensField: 'max_completion_tokens',
  streamUsage: true,
};

/**
 * CanonRequest → OpenAI Chat Completions body. Fields the caller sent in OpenAI's own shape that the hub
 * does not model are restored verbatim, so an OpenAI → OpenAI hop is lossless.
 */
export function encodeOpenAiChatRequest(
  request: CanonRequest,
  upstreamModel: string,
  options: OpenAiChatEncodeOptions = defaultOptions,
): { body: WireObject; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const body: WireObject = { model: upstreamModel, messages: request.messages.flatMap(encodeMessage) };
  const sampling = request.sampling;
  if (sampling.maxOutputTokens !== undefined) body[options.maxTokensField] = sampling.maxOutputTokens;
  setIfDefined(body, 'temperature', sampling.temperature);
  setIfDefined(body, 'top_p', sampling.topP);
  setIfDefined(body, 'seed', sampling.seed);
  setIfDefined(body, 'presence_penalty', sampling.presencePenalty);
  setIfDefined(body, 'frequency_penalty', sampling.frequencyPenalty);
  if (sampling.stopSequences) body.stop = sampling.stopSequences;
  if (sampling.topK !== undefined) {
    warnings.push({
      code: 'unsupported-parameter',
      field: 'top_k',
      message: 'top_k is not part of the OpenAI Chat API; dropped.',
    });
  }
  if (request.tools) {
    body.tools = request.tools.map((tool) => ({
      type: 'function',
      function: {
        name: tool.name,
        ...(tool.description === undefined ? {} : { description: tool.description }),
        ...(tool.inputSchema === undefined ? {} : { parameters: tool.inputSchema }),
        ...(tool.strict === undefined ? {} : { strict: tool.strict }),
      },
    }));
  }
  if (request.toolChoice !== undefined) {
    body.tool_choice =
      typeof request.toolChoice === 'string'
        ? request.toolChoice
        : { type: 'function', function: { name: request.toolChoice.toolName } };
  }
  setIfDefined(body, 'parallel_tool_calls', request.parallelToolCalls);
  if (request.output) body.response_format = encodeResponseFormat(request.output);
  setIfDefined(body, 'n', request.choiceCount);
  if (request.logprobs) {
    body.logprobs = request.logprobs.enabled;
    setIfDefined(body, 'top_logprobs', request.logprobs.top);
  }
  if (request.reasoning?.effort) body.reasoning_effort = request.reasoning.effort;
  setIfDefined(body, 'user', request.endUser);
  if (request.metadata) body.metadata = request.metadata;
  const responsesFields = request.vendor['openai-responses'] ?? {};
  for (const key of responsesFieldsChatAccepts)
    if (responsesFields[key] !== undefined) body[key] = responsesFields[key];
  const extras = request.vendor['openai-chat'];
  if (extras) Object.assign(body, extras);
  // Explicit provider parameters win over everything computed or restored.
  Object.assign(body, request.ext?.openai);
  reportForeignFields(request, warnings);
  if (request.stream) {
    body.stream = true;
    // The gateway always asks for usage so cost can be settled, whether or not the caller did.
    const streamOptions = { ...(extras?.stream_options as WireObject | undefined) };
    if (options.streamUsage) streamOptions.include_usage = true;
    if (Object.keys(streamOptions).length > 0) body.stream_options = streamOptions;
  } else {
    delete body.stream_options;
  }
  return { body, warnings };
}

/** Fields of other shapes and other providers' `ext` entries: not sent, each reported. */
function reportForeignFields(request: CanonRequest, warnings: Warning[]): void {
  for (const foreign of listForeignFields(request, 'openai-chat', ownFamilies)) {
    if (foreign.origin === 'openai-responses' && responsesFieldsChatAccepts.has(foreign.field)) continue;
    const what = foreign.kind === 'ext' ? `a ${foreign.origin} parameter` : `a ${foreign.origin} field`;
    warnings.push({
      code: 'unsupported-parameter',
      field: foreign.field,
      message: `${foreign.field} (${what}) has no OpenAI Chat Completions equivalent; not sent.`,
    });
  }
}

function setIfDefined(body: WireObject, key: string, value: unknown): void {
  if (value !== undefined) body[key] = value;
}

function encodeResponseFormat(output: NonNullable<CanonRequest['output']>): WireObject {
  if (output.type === 'text') return { type: 'text' };
  if (!output.schema) return { type: 'json_object' };
  return {
    type: 'json_schema',
    json_schema: {
      name: output.schemaName ?? 'response',
      schema: output.schema,
      ...(output.schemaDescription === undefined ? {} : { description: output.schemaDescription }),
      ...(output.strict === undefined ? {} : { strict: output.strict }),
    },
  };
}

function encodeMessage(message: CanonMessage): WireObject[] {
  const extras = message.vendor?.['openai-chat'];
  const encoded = encodeMessageCore(message);
  if (extras && encoded.length === 1) Object.assign(encoded[0] as WireObject, extras);
  return encoded;
}

function encodeMessageCore(message: CanonMessage): WireObject[] {
  switch (message.role) {
    case 'system':
      return [
        withName(
          { role: message.developer ? 'developer' : 'system', content: encodeText(message.content) },
          message.name,
        ),
      ];
    case 'user':
      return [withName({ role: 'user', content: encodeUserContent(message.content) }, message.name)];
    case 'assistant':
      return [withName(encodeAssistant(message), message.name)];
    case 'tool':
      // OpenAI wants one tool message per result.
      return message.content.map((result) => ({
        role: 'tool',
        tool_call_id: result.callId,
        content: result.content.every((part) => part.type === 'text')
          ? encodeText(result.content as TextPart[])
          : result.content.map((part) =>
              part.type === 'text' ? { type: 'text', text: part.text } : encodeImage(part),
            ),
      }));
  }
}

function withName(wire: WireObject, name: string | undefined): WireObject {
  if (name !== undefined) wire.name = name;
  return wire;
}

/** A single text part travels as a plain string, the form every OpenAI-compatible server accepts. */
function encodeText(parts: TextPart[]): string | WireObject[] {
  if (parts.length === 1) return (parts[0] as TextPart).text;
  if (parts.length === 0) return '';
  return parts.map((part) => ({ type: 'text', text: part.text }));
}

function encodeUserContent(parts: Array<TextPart | ImagePart | FilePart>): string | WireObject[] {
  if (parts.length === 1 && parts[0]?.type === 'text') return parts[0].text;
  return parts.map((part) => {
    if (part.type === 'text') return { type: 'text', text: part.text };
    if (part.type === 'image') return encodeImage(part);
    return encodeFile(part);
  });
}

function encodeImage(part: ImagePart): WireObject {
  const url =
    part.source.kind === 'url'
      ? part.source.url
      : part.source.kind === 'base64'
        ? encodeDataUrl(part.source.mediaType, part.source.data)
        : part.source.fileId;
  return {
    type: 'image_url',
    image_url: { url, ...(part.detail === undefined ? {} : { detail: part.detail }) },
  };
}

function encodeFile(part: FilePart): WireObject {
  const source = part.source;
  if (source.kind === 'base64' && (source.mediaType === 'audio/wav' || source.mediaType === 'audio/mp3')) {
    return { type: 'input_audio', input_audio: { data: source.data, format: source.mediaType.slice(6) } };
  }
  const file: WireObject = {};
  if (source.kind === 'file-id') file.file_id = source.fileId;
  else if (source.kind === 'base64') file.file_data = encodeDataUrl(source.mediaType, source.data);
  else file.file_data = source.url;
  if (part.filename !== undefined) file.filename = part.filename;
  return { type: 'file', file };
}

function encodeAssistant(message: AssistantMessage): WireObject {
  const texts: string[] = [];
  const toolCalls: WireObject[] = [];
  let refusal: string | undefined;
  for (const part of message.content) {
    if (part.type === 'text') texts.push(part.text);
    else if (part.type === 'refusal') refusal = (refusal ?? '') + part.text;
    else if (part.type === 'tool-call') {
      toolCalls.push({
        id: part.callId,
        type: 'function',
        function: { name: part.toolName, arguments: part.argumentsJson },
      });
    }
  }
  const wire: WireObject = { role: 'assistant', content: texts.length > 0 ? texts.join('') : null };
  if (toolCalls.length > 0) wire.tool_calls = toolCalls;
  if (refusal !== undefined) wire.refusal = refusal;
  // Reasoning parts are not sent back: the Chat API has no input field for them.
  return wire;
}
