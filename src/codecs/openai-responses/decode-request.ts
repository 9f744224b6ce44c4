import type { CanonRequest, CanonSampling } from '../../canon/index.js';
import { decodeOpenAiRoutingHints } from '../openai-chat/decode-routing-hints.js';
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
import { decodeResponsesInput } from './decode-input.js';
import { decodeResponsesToolChoice, decodeResponsesTools, decodeTextConfig } from './decode-tools.js';
import { responsesShape } from './vendor.js';

/**
 * Top-level fields fully modeled by the hub. Everything else (including `instructions`,
 * `previous_response_id`, `store`, `include`, `safety_identifier`, `stream_options`) is also kept verbatim
 * in `vendor['openai-responses']`: the response echoes them and a Responses upstream gets them back.
 */
const consumedFields: ReadonlySet<string> = new Set([
  'model',
  'input',
  'stream',
  'max_output_tokens',
  'temperature',
  'top_p',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'text',
  'reasoning',
  'metadata',
  'user',
  // Routing wishes for the gateway (OpenRouter-style); never forwarded upstream.
  'models',
  'max_price',
  'sort',
  // Provider-specific parameters and gateway options (decode-extensions.ts).
  'ext',
]);

const reasoningEfforts = new Set(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']);
type ReasoningEffort = NonNullable<NonNullable<CanonRequest['reasoning']>['effort']>;

/** OpenAI Responses request body (`POST /v1/responses`) → CanonRequest. Throws a 400 naming the field. */
export function decodeOpenAiResponsesRequest(body: unknown): CanonRequest {
  if (!isWireObject(body)) invalidField('body', `expected a JSON object, got ${describeType(body)}.`);
  if (body.model === undefined || body.model === null) missingField('model');
  const model = expectString(body.model, 'model');
  if (model.length === 0) invalidField('model', 'expected a non-empty model name.');
  rejectServerSideState(body);
  const previousResponseId = optionalString(body, 'previous_response_id', '');
  if (previousResponseId === '') invalidField('previous_response_id', 'expected a non-empty response id.');
  const input = decodeResponsesInput(body.input, previousResponseId !== undefined);
  const instructions = optionalString(body, 'instructions', '');
  const stream = optionalBoolean(body, 'stream', '') ?? false;
  const request: CanonRequest = {
    model,
    messages:
      instructions === undefined
        ? input.messages
        : [{ role: 'system', content: [{ type: 'text', text: instructions }] }, ...input.messages],
    sampling: decodeSampling(body),
    stream,
    // A Responses stream always ends with the full Response, usage included.
    streamUsage: stream,
    vendor: {},
  };
  const tools = decodeResponsesTools(body.tools);
  if (tools) request.tools = tools;
  const toolChoice = decodeResponsesToolChoice(body.tool_choice, tools);
  if (toolChoice !== undefined) request.toolChoice = toolChoice;
  const parallel = optionalBoolean(body, 'parallel_tool_calls', '');
  if (parallel !== undefined) request.parallelToolCalls = parallel;
  const text = decodeTextConfig(body.text);
  if (text.output) request.output = text.output;
  const reasoningExtras = decodeReasoning(body.reasoning, request);
  decodeAttribution(body, request);
  validateCarriedFields(body);
  const routing = decodeOpenAiRoutingHints(body);
  if (routing) request.routing = routing;
  decodeExtensions(body, request);
  const vendor: WireObject = { ...pickUnknown(body, consumedFields) };
  if (text.extras) vendor.text = text.extras;
  if (reasoningExtras) vendor.reasoning = reasoningExtras;
  if (input.references.length > 0) vendor.item_references = input.references;
  if (Object.keys(vendor).length > 0) request.vendor = { [responsesShape]: vendor };
  return request;
}

/** Conversations and background runs live on OpenAI's servers; silently dropping them would lose context. */
function rejectServerSideState(body: WireObject): void {
  if (body.conversation !== undefined && body.conversation !== null) {
    invalidField(
      'conversation',
      "server-side conversations are not supported by this gateway; chain turns with 'previous_response_id'.",
    );
  }
  if (body.background === true) {
    invalidField('background', 'background responses are not supported by this gateway.');
  }
}

function decodeSampling(body: WireObject): CanonSampling {
  const sampling: CanonSampling = {};
  const maxOutput = optionalNumber(body, 'max_output_tokens', '', { integer: true, min: 1 });
  if (maxOutput !== undefined) sampling.maxOutputTokens = maxOutput;
  const temperature = optionalNumber(body, 'temperature', '', { min: 0, max: 2 });
  if (temperature !== undefined) sampling.temperature = temperature;
  const topP = optionalNumber(body, 'top_p', '', { min: 0, max: 1 });
  if (topP !== undefined) sampling.topP = topP;
  return sampling;
}

/** `reasoning.effort` is modeled; `summary` and the rest travel in the vendor carry. */
function decodeReasoning(value: unknown, request: CanonRequest): WireObject | undefined {
  if (value === undefined || value === null) return undefined;
  const reasoning = expectObject(value, 'reasoning');
  const effort = optionalString(reasoning, 'effort', 'reasoning');
  if (effort !== undefined) {
    if (!reasoningEfforts.has(effort)) {
      invalidField('reasoning.effort', `unsupported value ${describeType(effort)}.`);
    }
    request.reasoning = { effort: effort as ReasoningEffort };
  }
  return pickUnknown(reasoning, new Set(['effort']));
}

function decodeAttribution(body: WireObject, request: CanonRequest): void {
  const user = optionalString(body, 'user', '');
  const safetyIdentifier = optionalString(body, 'safety_identifier', '');
  const endUser = user ?? safetyIdentifier;
  if (endUser !== undefined) request.endUser = endUser;
  if (body.metadata === undefined || body.metadata === null) return;
  const metadata = expectObject(body.metadata, 'metadata');
  const tags: Record<string, string> = {};
  for (const key in metadata) tags[key] = expectString(metadata[key], `metadata.${key}`);
  request.metadata = tags;
}

/** Fields carried verbatim still get their types checked, so a mistake is the caller's 400, not an upstream's. */
function validateCarriedFields(body: WireObject): void {
  optionalBoolean(body, 'store', '');
  if (body.include !== undefined && body.include !== null) {
    expectArray(body.include, 'include').forEach((entry, index) => {
      expectString(entry, `include[${index}]`);
    });
  }
  if (body.stream_options !== undefined && body.stream_options !== null) {
    expectObject(body.stream_options, 'stream_options');
  }
}
