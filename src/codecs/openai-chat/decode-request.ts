import type { CanonRequest, CanonSampling } from '../../canon/index.js';
import { decodeExtensions } from '../shared/decode-extensions.js';
import {
  describeType,
  expectArray,
  expectObject,
  expectString,
  invalidField,
  isWireObject,
  missingField,
  optionalBoolean,
  optionalNumber,
  optionalString,
  pickUnknown,
  type WireObject,
} from '../shared/read-fields.js';
import { decodeOpenAiMessages } from './decode-messages.js';
import { decodeOpenAiRoutingHints } from './decode-routing-hints.js';
import { decodeOpenAiResponseFormat, decodeOpenAiToolChoice, decodeOpenAiTools } from './decode-tools.js';

/** Top-level fields the hub models; everything else travels in `vendor['openai-chat']`. */
const knownFields: ReadonlySet<string> = new Set([
  'model',
  'messages',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'response_format',
  'stop',
  'seed',
  'n',
  'logprobs',
  'top_logprobs',
  'max_tokens',
  'max_completion_tokens',
  'temperature',
  'top_p',
  'presence_penalty',
  'frequency_penalty',
  'user',
  'metadata',
  'stream',
  'stream_options',
  'reasoning_effort',
  // Routing wishes for the gateway (OpenRouter-style); never forwarded upstream.
  'models',
  'max_price',
  'sort',
  // Provider-specific parameters and gateway options (decode-extensions.ts).
  'ext',
]);

const reasoningEfforts = new Set(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']);

/** OpenAI Chat Completions request body → CanonRequest. Throws a 400 naming the field at fault. */
export function decodeOpenAiChatRequest(body: unknown): CanonRequest {
  if (!isWireObject(body)) invalidField('body', `expected a JSON object, got ${describeType(body)}.`);
  if (body.model === undefined || body.model === null) missingField('model');
  const model = expectString(body.model, 'model');
  if (model.length === 0) invalidField('model', 'expected a non-empty model name.');
  const tools = decodeOpenAiTools(body.tools);
  const stream = optionalBoolean(body, 'stream', '') ?? false;
  const request: CanonRequest = {
    model,
    messages: decodeOpenAiMessages(body.messages),
    sampling: decodeSampling(body),
    stream,
    streamUsage: stream && decodeIncludeUsage(body.stream_options),
    vendor: {},
  };
  if (tools) request.tools = tools;
  const toolChoice = decodeOpenAiToolChoice(body.tool_choice, tools);
  if (toolChoice !== undefined) request.toolChoice = toolChoice;
  const parallel = optionalBoolean(body, 'parallel_tool_calls', '');
  if (parallel !== undefined) request.parallelToolCalls = parallel;
  const output = decodeOpenAiResponseFormat(body.response_format);
  if (output) request.output = output;
  const choiceCount = optionalNumber(body, 'n', '', { integer: true, min: 1, max: 128 });
  if (choiceCount !== undefined) request.choiceCount = choiceCount;
  decodeLogprobs(body, request);
  decodeAttribution(body, request);
  const routing = decodeOpenAiRoutingHints(body);
  if (routing) request.routing = routing;
  decodeExtensions(body, request);
  const effort = optionalString(body, 'reasoning_effort', '');
  if (effort !== undefined) {
    if (!reasoningEfforts.has(effort))
      invalidField('reasoning_effort', `unsupported value ${describeType(effort)}.`);
    request.reasoning = { effort: effort as NonNullable<CanonRequest['reasoning']>['effort'] };
  }
  const extras = pickUnknown(body, knownFields);
  const streamExtras = isWireObject(body.stream_options)
    ? pickUnknown(body.stream_options, new Set(['include_usage']))
    : undefined;
  if (extras || streamExtras) {
    request.vendor = {
      'openai-chat': { ...extras, ...(streamExtras ? { stream_options: streamExtras } : {}) },
    };
  }
  return request;
}

function decodeSampling(body: WireObject): CanonSampling {
  const sampling: CanonSampling = {};
  const maxCompletion = optionalNumber(body, 'max_completion_tokens', '', { integer: true, min: 1 });
  const maxTokens = optionalNumber(body, 'max_tokens', '', { integer: true, min: 1 });
  const maxOutput = maxCompletion ?? maxTokens;
  if (maxOutput !== undefined) sampling.maxOutputTokens = maxOutput;
  assign(sampling, 'temperature', optionalNumber(body, 'temperature', '', { min: 0, max: 2 }));
  assign(sampling, 'topP', optionalNumber(body, 'top_p', '', { min: 0, max: 1 }));
  assign(sampling, 'seed', optionalNumber(body, 'seed', '', { integer: true }));
  assign(sampling, 'presencePenalty', optionalNumber(body, 'presence_penalty', '', { min: -2, max: 2 }));
  assign(sampling, 'frequencyPenalty', optionalNumber(body, 'frequency_penalty', '', { min: -2, max: 2 }));
  const stop = decodeStop(body.stop);
  if (stop) sampling.stopSequences = stop;
  return sampling;
}

function assign<K extends keyof CanonSampling>(
  sampling: CanonSampling,
  key: K,
  value: CanonSampling[K] | undefined,
): void {
  if (value !== undefined) sampling[key] = value;
}

function decodeStop(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return [value];
  const list = expectArray(value, 'stop');
  if (list.length > 4) invalidField('stop', `expected at most 4 stop sequences, got ${list.length}.`);
  return list.map((item, index) => expectString(item, `stop[${index}]`));
}

function decodeIncludeUsage(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  const options = expectObject(value, 'stream_options');
  return optionalBoolean(options, 'include_usage', 'stream_options') ?? false;
}

function decodeLogprobs(body: WireObject, request: CanonRequest): void {
  const enabled = optionalBoolean(body, 'logprobs', '');
  const top = optionalNumber(body, 'top_logprobs', '', { integer: true, min: 0, max: 20 });
  if (top !== undefined && enabled !== true) {
    invalidField('top_logprobs', "requires 'logprobs' to be true.");
  }
  if (enabled !== undefined) request.logprobs = top === undefined ? { enabled } : { enabled, top };
}

function decodeAttribution(body: WireObject, request: CanonRequest): void {
  const user = optionalString(body, 'user', '');
  if (user !== undefined) request.endUser = user;
  if (body.metadata === undefined || body.metadata === null) return;
  const metadata = expectObject(body.metadata, 'metadata');
  const tags: Record<string, string> = {};
  for (const key in metadata) tags[key] = expectString(metadata[key], `metadata.${key}`);
  request.metadata = tags;
}
