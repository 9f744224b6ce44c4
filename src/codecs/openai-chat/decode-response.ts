import {
  type AssistantMessage,
  type CanonChoice,
  type CanonResponse,
  GatewayError,
  type ProviderIdentity,
} from '../../canon/index.js';
import { isWireObject, type WireObject } from '../shared/read-fields.js';
import { mapOpenAiFinishReason } from './map-finish-reason.js';
import { mapOpenAiUsage } from './map-usage.js';

/** OpenAI-compatible `chat.completion` body → CanonResponse. */
export function decodeOpenAiChatResponse(body: unknown, provider: ProviderIdentity): CanonResponse {
  if (!isWireObject(body) || !Array.isArray(body.choices) || body.choices.length === 0) {
    throw protocolError(provider, 'upstream answer has no choices');
  }
  const choices = body.choices.map((choice, position) => decodeChoice(choice, position, provider));
  const response: CanonResponse = {
    id: typeof body.id === 'string' ? body.id : '',
    model: typeof body.model === 'string' ? body.model : provider.model,
    createdAt: typeof body.created === 'number' ? body.created : Math.floor(Date.now() / 1000),
    choices,
    warnings: [],
    provider,
    vendor: {},
  };
  const usage = mapOpenAiUsage(body.usage);
  if (usage) response.usage = usage;
  const vendor: WireObject = {};
  if (body.system_fingerprint !== undefined) vendor.system_fingerprint = body.system_fingerprint;
  if (body.service_tier !== undefined) vendor.service_tier = body.service_tier;
  if (Object.keys(vendor).length > 0) response.vendor = { 'openai-chat': vendor };
  return response;
}

function protocolError(provider: ProviderIdentity, message: string): GatewayError {
  return new GatewayError('upstream_protocol', `${provider.id}: ${message}`, {
    provider: provider.id,
    upstreamModel: provider.model,
  });
}

function decodeChoice(value: unknown, position: number, provider: ProviderIdentity): CanonChoice {
  if (!isWireObject(value) || !isWireObject(value.message)) {
    throw protocolError(provider, `upstream choice ${position} has no message`);
  }
  const message = value.message;
  const content: AssistantMessage['content'] = [];
  const reasoning = message.reasoning_content ?? message.reasoning;
  if (typeof reasoning === 'string' && reasoning.length > 0)
    content.push({ type: 'reasoning', text: reasoning });
  if (typeof message.content === 'string' && message.content.length > 0)
    content.push({ type: 'text', text: message.content });
  if (typeof message.refusal === 'string' && message.refusal.length > 0) {
    content.push({ type: 'refusal', text: message.refusal });
  }
  if (Array.isArray(message.tool_calls)) {
    message.tool_calls.forEach((call, index) => {
      if (!isWireObject(call) || !isWireObject(call.function) || typeof call.function.name !== 'string') {
        throw protocolError(provider, `upstream tool call ${index} is malformed`);
      }
      const args = call.function.arguments;
      content.push({
        type: 'tool-call',
        callId: typeof call.id === 'string' && call.id.length > 0 ? call.id : `call_${position}_${index}`,
        toolName: call.function.name,
        argumentsJson: typeof args === 'string' ? args : JSON.stringify(args ?? {}),
      });
    });
  }
  const choice: CanonChoice = {
    index: typeof value.index === 'number' ? value.index : position,
    message: { role: 'assistant', content },
    finish: mapOpenAiFinishReason(typeof value.finish_reason === 'string' ? value.finish_reason : null),
  };
  if (value.logprobs !== undefined && value.logprobs !== null) choice.logprobs = value.logprobs;
  return choice;
}
