import type { CanonRequest, Warning } from '../../canon/index.js';
import { isWireObject, type WireObject } from '../shared/read-fields.js';
import { encodeResponsesInput } from './encode-input.js';
import { encodeResponsesToolChoice, encodeResponsesTools, encodeTextConfig } from './encode-tools.js';
import {
  instructionsMessageCount,
  interpretedRequestKeys,
  responsesShape,
  responsesVendor,
} from './vendor.js';

/** Chat Completions fields that mean the same on `/v1/responses`, carried over from an OpenAI Chat caller. */
const chatFieldsResponsesAccepts = new Set([
  'service_tier',
  'prompt_cache_key',
  'prompt_cache_retention',
  'safety_identifier',
  'store',
  'stream_options',
]);

/**
 * CanonRequest → `/v1/responses` body for a Responses-speaking upstream. The conversation travels as
 * input items (the upstream keeps no state: `store` is false unless the caller asked for it), the
 * caller's own Responses fields are restored verbatim and `ext.openai` is merged last. Whatever the
 * Responses API cannot express is reported as a warning.
 */
export function encodeOpenAiResponsesRequest(
  request: CanonRequest,
  upstreamModel: string,
): { body: WireObject; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const vendor = responsesVendor(request.vendor);
  const carried = carriedChatFields(request, warnings);
  const body: WireObject = { model: upstreamModel };
  // Instructions the caller sent as such go back as `instructions`, not as a system item.
  const instructions = instructionsMessageCount(request);
  if (instructions === 1) body.instructions = vendor.instructions;
  const messages = request.messages.slice(instructions);
  body.input = encodeResponsesInput(messages, warnings);
  encodeSampling(request, body, warnings);
  if (request.tools) body.tools = encodeResponsesTools(request.tools);
  if (request.toolChoice !== undefined) body.tool_choice = encodeResponsesToolChoice(request.toolChoice);
  if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  if (request.output || vendor.text !== undefined) body.text = encodeTextConfig(request, vendor.text);
  const reasoningExtras = isWireObject(vendor.reasoning) ? vendor.reasoning : undefined;
  if (request.reasoning?.effort || reasoningExtras) {
    body.reasoning = {
      ...reasoningExtras,
      ...(request.reasoning?.effort ? { effort: request.reasoning.effort } : {}),
    };
  }
  if (request.reasoning?.budgetTokens !== undefined) {
    warnings.push(
      unsupported('reasoning.budget_tokens', 'the Responses API takes an effort, not a token budget'),
    );
  }
  if (request.metadata) body.metadata = request.metadata;
  const safetyIdentifier = vendor.safety_identifier ?? carried.safety_identifier;
  if (request.endUser !== undefined && request.endUser !== safetyIdentifier) body.user = request.endUser;
  for (const key in vendor) if (!interpretedRequestKeys.has(key)) body[key] = vendor[key];
  for (const key in carried) if (body[key] === undefined && key !== 'store') body[key] = carried[key];
  body.store = vendor.store === true || carried.store === true;
  if (request.stream) {
    body.stream = true;
    const streamOptions = vendor.stream_options ?? carried.stream_options;
    if (streamOptions !== undefined) body.stream_options = streamOptions;
  }
  mergeExtensions(request, body, warnings);
  return { body, warnings };
}

function encodeSampling(request: CanonRequest, body: WireObject, warnings: Warning[]): void {
  const sampling = request.sampling;
  if (sampling.maxOutputTokens !== undefined) body.max_output_tokens = sampling.maxOutputTokens;
  if (sampling.temperature !== undefined) body.temperature = sampling.temperature;
  if (sampling.topP !== undefined) body.top_p = sampling.topP;
  const dropped: Array<[string, unknown]> = [
    ['top_k', sampling.topK],
    ['stop', sampling.stopSequences],
    ['seed', sampling.seed],
    ['presence_penalty', sampling.presencePenalty],
    ['frequency_penalty', sampling.frequencyPenalty],
    ['n', request.choiceCount !== undefined && request.choiceCount > 1 ? request.choiceCount : undefined],
    ['logprobs', request.logprobs?.enabled ? true : undefined],
  ];
  for (const [field, value] of dropped) {
    if (value !== undefined) warnings.push(unsupported(field, 'the Responses API has no such parameter'));
  }
}

/** Fields an OpenAI Chat caller sent that `/v1/responses` understands; every other one is a warning. */
function carriedChatFields(request: CanonRequest, warnings: Warning[]): WireObject {
  const carried: WireObject = {};
  for (const [shape, fields] of Object.entries(request.vendor)) {
    if (shape === responsesShape || !fields) continue;
    for (const key in fields) {
      if (shape === 'openai-chat' && chatFieldsResponsesAccepts.has(key)) carried[key] = fields[key];
      else warnings.push(unsupported(key, `the ${shape} field cannot be carried to a Responses upstream`));
    }
  }
  return carried;
}

/** `ext.openai` is merged into the body; other families' parameters are reported, never dropped silently. */
function mergeExtensions(request: CanonRequest, body: WireObject, warnings: Warning[]): void {
  for (const [family, parameters] of Object.entries(request.ext ?? {})) {
    if (family === 'openai') {
      Object.assign(body, parameters);
      continue;
    }
    for (const key in parameters) {
      warnings.push(unsupported(`ext.${family}.${key}`, 'it is meant for another provider family'));
    }
  }
}

function unsupported(field: string, reason: string): Warning {
  return { code: 'unsupported-parameter', field, message: `${field} was dropped: ${reason}.` };
}
