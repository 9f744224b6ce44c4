import type { CanonRequest, CanonTool, TextPart, Warning } from '../../canon/index.js';
import { isWireObject, type WireObject } from '../shared/read-fields.js';
import { encodeTextBlock } from './encode-content-blocks.js';
import { encodeAnthropicMessages } from './encode-messages.js';
import { reportForeignFields } from './report-foreign-fields.js';
import { encodeThinking, enforceThinkingRules, fitMaxTokens } from './thinking-policy.js';
import {
  anthropicShape,
  mergeExtensionFields,
  mergeVendorFields,
  serverToolsKey,
  toolExtrasKey,
  topLevelVendorFields,
} from './vendor-fields.js';

/** What the Anthropic egress needs beyond the request. */
export interface AnthropicEncodeOptions {
  /** `max_tokens` when the caller gave none (Anthropic requires it): e.g. the model's catalog max output. */
  defaultMaxTokens: number;
}

/** Appended to the system prompt for JSON mode without a schema: Anthropic has no `json_object` switch. */
export const jsonModeInstruction = 'Respond with a single valid JSON object only, with no other text.';

/**
 * CanonRequest → Anthropic Messages body. A schema is sent as `output_config.format` (structured
 * outputs) rather than as a forced tool, which would turn the answer into a tool call and change its
 * finish reason; models without structured outputs need an adapter quirk. Plain JSON mode becomes a
 * system instruction. Fields the caller sent in Anthropic's own shape are
 * restored verbatim (a same-shape hop is lossless), `ext.anthropic` is merged last, and every feature
 * that cannot be carried produces a warning.
 * @see https://docs.anthropic.com/en/api/messages
 */
export function encodeAnthropicRequest(
  request: CanonRequest,
  upstreamModel: string,
  options: AnthropicEncodeOptions,
): { body: WireObject; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const conversation = encodeAnthropicMessages(request.messages, warnings);
  const body: WireObject = {
    model: upstreamModel,
    max_tokens: request.sampling.maxOutputTokens ?? options.defaultMaxTokens,
    messages: conversation.messages,
  };
  encodeSystem(body, conversation.system, request.output, warnings);
  encodeSampling(body, request, warnings);
  encodeTools(body, request, warnings);
  if (request.output?.type === 'json' && request.output.schema) {
    body.output_config = { format: { type: 'json_schema', schema: request.output.schema } };
  }
  if (request.endUser !== undefined) body.metadata = { user_id: request.endUser };
  const thinking = encodeThinking(request.reasoning);
  if (thinking) body.thinking = thinking;
  if (request.stream) body.stream = true;
  mergeVendorFields(body, topLevelVendorFields(request.vendor));
  const extension = request.ext?.anthropic;
  if (extension) mergeExtensionFields(body, extension);
  enforceThinkingRules(body, warnings);
  const explicitLimit = request.sampling.maxOutputTokens !== undefined || extension?.max_tokens !== undefined;
  fitMaxTokens(body, explicitLimit, options.defaultMaxTokens, warnings);
  reportForeignFields(request, warnings);
  return { body, warnings };
}

function encodeSystem(
  body: WireObject,
  parts: TextPart[],
  output: CanonRequest['output'],
  warnings: Warning[],
): void {
  const system = parts.filter((part) => part.text.length > 0);
  if (output?.type === 'json' && !output.schema) {
    system.push({ type: 'text', text: jsonModeInstruction });
    warnings.push({
      code: 'parameter-changed',
      field: 'response_format',
      message: 'Anthropic has no JSON mode; it is asked for with a system instruction instead.',
    });
  }
  if (system.length === 0) return;
  const only = system.length === 1 ? system[0] : undefined;
  // One plain text travels as a string; several parts or cache breakpoints need the block form.
  body.system = only && only.cache === undefined ? only.text : system.map(encodeTextBlock);
}

function encodeSampling(body: WireObject, request: CanonRequest, warnings: Warning[]): void {
  const sampling = request.sampling;
  if (sampling.temperature !== undefined) {
    body.temperature = Math.min(sampling.temperature, 1);
    if (sampling.temperature > 1) {
      warnings.push({
        code: 'parameter-changed',
        field: 'temperature',
        message: `temperature ${sampling.temperature} is above Anthropic's maximum of 1; clamped to 1.`,
      });
    }
  }
  if (sampling.topP !== undefined) body.top_p = sampling.topP;
  if (sampling.topK !== undefined) body.top_k = sampling.topK;
  if (sampling.stopSequences && sampling.stopSequences.length > 0)
    body.stop_sequences = sampling.stopSequences;
  const unsupported: Array<[string, boolean]> = [
    ['seed', sampling.seed !== undefined],
    ['presence_penalty', sampling.presencePenalty !== undefined],
    ['frequency_penalty', sampling.frequencyPenalty !== undefined],
    ['n', request.choiceCount !== undefined && request.choiceCount > 1],
    ['logprobs', request.logprobs?.enabled === true],
    ['metadata', request.metadata !== undefined && Object.keys(request.metadata).length > 0],
  ];
  for (const [field, present] of unsupported) {
    if (!present) continue;
    warnings.push({
      code: 'unsupported-parameter',
      field,
      message: `${field} is not supported by the Anthropic Messages API; dropped.`,
    });
  }
}

function encodeTool(tool: CanonTool, extras: unknown): WireObject {
  const schema = tool.inputSchema ?? { type: 'object', properties: {} };
  const wire: WireObject = {
    name: tool.name,
    ...(tool.description === undefined ? {} : { description: tool.description }),
    // Anthropic requires an object schema; a schema without a type describes one.
    input_schema: schema.type === undefined ? { type: 'object', ...schema } : schema,
    ...(tool.strict === undefined ? {} : { strict: tool.strict }),
  };
  return isWireObject(extras) ? { ...wire, ...extras } : wire;
}

function encodeTools(body: WireObject, request: CanonRequest, warnings: Warning[]): void {
  const own = request.vendor[anthropicShape];
  const extras = Array.isArray(own?.[toolExtrasKey]) ? (own[toolExtrasKey] as unknown[]) : [];
  const serverTools = Array.isArray(own?.[serverToolsKey]) ? (own[serverToolsKey] as unknown[]) : [];
  if (request.tools !== undefined || serverTools.length > 0) {
    body.tools = [
      ...(request.tools ?? []).map((tool, index) => encodeTool(tool, extras[index])),
      ...serverTools,
    ];
  }
  const choice = request.toolChoice;
  if (choice === undefined && request.parallelToolCalls !== false) return;
  const wire: WireObject =
    choice === undefined || choice === 'auto'
      ? { type: 'auto' }
      : choice === 'required'
        ? { type: 'any' }
        : choice === 'none'
          ? { type: 'none' }
          : { type: 'tool', name: choice.toolName };
  if (request.parallelToolCalls === false) {
    if (wire.type === 'none') {
      warnings.push({
        code: 'unsupported-parameter',
        field: 'parallel_tool_calls',
        message: "Anthropic cannot disable parallel tool calls together with tool choice 'none'; dropped.",
      });
    } else {
      wire.disable_parallel_tool_use = true;
    }
  }
  body.tool_choice = wire;
}
