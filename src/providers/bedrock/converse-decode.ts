import type { ConverseCommandOutput, StopReason, TokenUsage } from '@aws-sdk/client-bedrock-runtime';
import {
  type AssistantMessage,
  type CanonResponse,
  type CanonUsage,
  type FinishReason,
  GatewayError,
  type ProviderIdentity,
} from '../../canon/index.js';

/** Bedrock `stopReason` → canonical. */
export function mapStopReason(raw: StopReason | string | undefined): FinishReason {
  switch (raw) {
    case 'end_turn':
    case 'stop_sequence':
      return { unified: 'stop', raw };
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return { unified: 'length', raw };
    case 'tool_use':
      return { unified: 'tool-calls', raw };
    case 'guardrail_intervened':
    case 'content_filtered':
      return { unified: 'content-filter', raw };
    case 'malformed_model_output':
    case 'malformed_tool_use':
      return { unified: 'error', raw };
    case undefined:
      return { unified: 'other' };
    default:
      return { unified: 'other', raw };
  }
}

/**
 * Bedrock usage → canonical. Bedrock's `inputTokens` excludes cache reads and writes; the canonical
 * input total includes them.
 */
export function mapConverseUsage(usage: TokenUsage | undefined): CanonUsage | undefined {
  if (!usage) return undefined;
  const cacheRead = usage.cacheReadInputTokens;
  const cacheWrite = usage.cacheWriteInputTokens;
  const input: CanonUsage['input'] = {
    total: (usage.inputTokens ?? 0) + (cacheRead ?? 0) + (cacheWrite ?? 0),
  };
  if (cacheRead !== undefined) input.cacheRead = cacheRead;
  if (cacheWrite !== undefined) input.cacheWrite = cacheWrite;
  return { input, output: { total: usage.outputTokens ?? 0 }, raw: { ...usage } };
}

/** A Converse answer → canonical. */
export function decodeConverseResponse(
  output: ConverseCommandOutput,
  provider: ProviderIdentity,
): CanonResponse {
  const message = output.output?.message;
  if (!message) {
    throw new GatewayError('upstream_protocol', `${provider.id}: Converse answer without a message`, {
      provider: provider.id,
      upstreamModel: provider.model,
    });
  }
  const content: AssistantMessage['content'] = [];
  for (const block of message.content ?? []) {
    if (block.text !== undefined) content.push({ type: 'text', text: block.text });
    else if (block.toolUse) {
      content.push({
        type: 'tool-call',
        callId: block.toolUse.toolUseId ?? '',
        toolName: block.toolUse.name ?? '',
        argumentsJson: JSON.stringify(block.toolUse.input ?? {}),
      });
    } else if (block.reasoningContent) {
      const reasoning = block.reasoningContent;
      if (reasoning.reasoningText) {
        content.push({
          type: 'reasoning',
          text: reasoning.reasoningText.text ?? '',
          ...(reasoning.reasoningText.signature ? { signature: reasoning.reasoningText.signature } : {}),
        });
      } else if (reasoning.redactedContent) {
        content.push({
          type: 'reasoning',
          text: '',
          redactedData: Buffer.from(reasoning.redactedContent).toString('base64'),
        });
      }
    }
  }
  const usage = mapConverseUsage(output.usage);
  return {
    id: output.$metadata.requestId ?? '',
    model: provider.model,
    createdAt: Math.floor(Date.now() / 1000),
    choices: [
      { index: 0, message: { role: 'assistant', content }, finish: mapStopReason(output.stopReason) },
    ],
    ...(usage ? { usage } : {}),
    warnings: [],
    provider: {
      ...provider,
      ...(output.$metadata.requestId ? { requestId: output.$metadata.requestId } : {}),
    },
    vendor: {},
  };
}
