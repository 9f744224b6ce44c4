import type { CanonMessage, CanonRequest, CanonSampling } from '../../canon/index.js';
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
import { decodeAnthropicMessages, decodeAnthropicSystem } from './decode-messages.js';
import { decodeAnthropicToolChoice, decodeAnthropicTools, toolNamesOf } from './decode-tools.js';
import { anthropicShape, serverToolsKey, toolExtrasKey } from './vendor-fields.js';

/** Top-level fields the hub models; everything else travels in `vendor['anthropic-messages']`. */
const knownFields: ReadonlySet<string> = new Set([
  'model',
  'max_tokens',
  'messages',
  'system',
  'tools',
  'tool_choice',
  'stop_sequences',
  'temperature',
  'top_p',
  'top_k',
  'metadata',
  'thinking',
  'output_config',
  'stream',
  // Routing wishes for the gateway (OpenRouter-style, as on the OpenAI shapes); never forwarded upstream.
  'models',
  'max_price',
  'sort',
  // Provider-specific parameters and gateway options (decode-extensions.ts).
  'ext',
]);

/**
 * Anthropic Messages request body → CanonRequest. Throws a 400 naming the field at fault
 * (`messages[2].content[0].type`). Any `anthropic-version` surface is accepted: fields this codec does not
 * know are kept verbatim for an Anthropic upstream.
 * @see https://docs.anthropic.com/en/api/messages
 */
export function decodeAnthropicRequest(body: unknown): CanonRequest {
  if (!isWireObject(body)) invalidField('body', `expected a JSON object, got ${describeType(body)}.`);
  if (body.model === undefined || body.model === null) missingField('model');
  const model = expectString(body.model, 'model');
  if (model.length === 0) invalidField('model', 'expected a non-empty model name.');
  if (body.max_tokens === undefined || body.max_tokens === null) missingField('max_tokens');
  const messages: CanonMessage[] = [];
  const system = decodeAnthropicSystem(body.system);
  if (system) messages.push(system);
  messages.push(...decodeAnthropicMessages(body.messages));
  const stream = optionalBoolean(body, 'stream', '') ?? false;
  // Anthropic streams always carry usage, so an Anthropic caller always wants it.
  const request: CanonRequest = {
    model,
    messages,
    sampling: decodeSampling(body),
    stream,
    streamUsage: stream,
    vendor: {},
  };
  const vendor: WireObject = pickUnknown(body, knownFields) ?? {};
  decodeToolFields(body, request, vendor);
  decodeMetadata(body.metadata, request, vendor);
  decodeThinking(body.thinking, request, vendor);
  decodeOutputConfig(body.output_config, request, vendor);
  const routing = decodeOpenAiRoutingHints(body);
  if (routing) request.routing = routing;
  decodeExtensions(body, request);
  if (Object.keys(vendor).length > 0) request.vendor = { [anthropicShape]: vendor };
  return request;
}

function decodeSampling(body: WireObject): CanonSampling {
  // 0 is allowed: Anthropic uses max_tokens 0 to pre-warm the prompt cache.
  const sampling: CanonSampling = {
    maxOutputTokens: optionalNumber(body, 'max_tokens', '', { integer: true, min: 0 }) as number,
  };
  const temperature = optionalNumber(body, 'temperature', '', { min: 0, max: 1 });
  if (temperature !== undefined) sampling.temperature = temperature;
  const topP = optionalNumber(body, 'top_p', '', { min: 0, max: 1 });
  if (topP !== undefined) sampling.topP = topP;
  const topK = optionalNumber(body, 'top_k', '', { integer: true, min: 0 });
  if (topK !== undefined) sampling.topK = topK;
  if (body.stop_sequences !== undefined && body.stop_sequences !== null) {
    sampling.stopSequences = expectArray(body.stop_sequences, 'stop_sequences').map((item, index) =>
      expectString(item, `stop_sequences[${index}]`),
    );
  }
  return sampling;
}

function decodeToolFields(body: WireObject, request: CanonRequest, vendor: WireObject): void {
  const tools = decodeAnthropicTools(body.tools);
  if (tools) {
    if (tools.tools.length > 0 || tools.serverTools.length === 0) request.tools = tools.tools;
    if (tools.serverTools.length > 0) vendor[serverToolsKey] = tools.serverTools;
    if (tools.toolExtras.some((extras) => extras !== null)) vendor[toolExtrasKey] = tools.toolExtras;
  }
  const choice = decodeAnthropicToolChoice(body.tool_choice, toolNamesOf(tools));
  if (!choice) return;
  request.toolChoice = choice.toolChoice;
  if (choice.parallelToolCalls !== undefined) request.parallelToolCalls = choice.parallelToolCalls;
}

/** `metadata.user_id` is the end user; Anthropic allows nothing else there, but newer keys are kept. */
function decodeMetadata(value: unknown, request: CanonRequest, vendor: WireObject): void {
  if (value === undefined || value === null) return;
  const metadata = expectObject(value, 'metadata');
  const userId = optionalString(metadata, 'user_id', 'metadata');
  if (userId !== undefined) request.endUser = userId;
  const extras = pickUnknown(metadata, new Set(['user_id']));
  if (extras) vendor.metadata = extras;
}

/**
 * `thinking: {type: "enabled", budget_tokens}` → reasoning budget; `disabled` → effort `none`. Other
 * types (`adaptive`, `between_tools`) and extra keys (`display`) have no hub equivalent and are kept whole.
 */
function decodeThinking(value: unknown, request: CanonRequest, vendor: WireObject): void {
  if (value === undefined || value === null) return;
  const thinking = expectObject(value, 'thinking');
  const type = thinking.type;
  if (type === undefined || type === null) missingField('thinking.type');
  expectString(type, 'thinking.type');
  const hasExtras = pickUnknown(thinking, new Set(['type', 'budget_tokens'])) !== undefined;
  if (type === 'enabled') {
    if (thinking.budget_tokens === undefined || thinking.budget_tokens === null)
      missingField('thinking.budget_tokens');
    const budget = optionalNumber(thinking, 'budget_tokens', 'thinking', { integer: true, min: 1 }) as number;
    request.reasoning = { budgetTokens: budget };
  } else if (type === 'disabled') {
    request.reasoning = { effort: 'none' };
  }
  if (hasExtras || (type !== 'enabled' && type !== 'disabled')) vendor.thinking = thinking;
}

/** `output_config.format` json_schema → JSON output with that schema; `effort` and the rest are kept. */
function decodeOutputConfig(value: unknown, request: CanonRequest, vendor: WireObject): void {
  if (value === undefined || value === null) return;
  const config = expectObject(value, 'output_config');
  if (config.format !== undefined && config.format !== null) {
    const format = expectObject(config.format, 'output_config.format');
    if (format.type !== 'json_schema') {
      invalidField('output_config.format.type', `expected 'json_schema', got ${describeType(format.type)}.`);
    }
    if (format.schema === undefined || format.schema === null) missingField('output_config.format.schema');
    request.output = { type: 'json', schema: expectObject(format.schema, 'output_config.format.schema') };
  }
  const extras = pickUnknown(config, new Set(['format']));
  if (extras) vendor.output_config = extras;
}
