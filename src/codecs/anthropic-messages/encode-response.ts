import type { CanonResponse, GatewaySummary } from '../../canon/index.js';
import { encodeSummaryObject } from '../shared/encode-summary.js';
import type { WireObject } from '../shared/read-fields.js';
import { encodeAssistantContent } from './encode-assistant-content.js';
import { encodeAnthropicStopReason } from './map-finish-reason.js';
import { encodeAnthropicUsage } from './map-usage.js';
import { anthropicShape } from './vendor-fields.js';

/** Extras for a JSON answer. */
export interface AnthropicResponseOptions {
  /**
   * The gateway summary, rendered as an extra top-level `switchyard` field when given. The ingress codec
   * object passes none (the summary travels in `X-Switchyard-*` headers for JSON answers); a caller that
   * has one can call this function directly.
   */
  summary?: GatewaySummary;
}

/**
 * CanonResponse → Anthropic `message` body. Anthropic has one answer per message, so only the first
 * choice is encoded. `usage.input_tokens` excludes cache tokens, which get their own fields.
 */
export function encodeAnthropicResponse(
  response: CanonResponse,
  options: AnthropicResponseOptions = {},
): WireObject {
  const choice = response.choices[0];
  const body: WireObject = {
    id: messageId(response.id),
    type: 'message',
    role: 'assistant',
    model: response.model,
    content: encodeAssistantContent(choice?.message.content ?? []),
    stop_reason: choice ? encodeAnthropicStopReason(choice.finish) : 'end_turn',
    stop_sequence: null,
    usage: encodeAnthropicUsage(response.usage),
  };
  const vendor = response.vendor[anthropicShape];
  if (vendor) Object.assign(body, vendor);
  if (options.summary) body.switchyard = encodeSummaryObject(options.summary);
  return body;
}

/** Anthropic ids start with `msg_`; another provider's id is kept behind that prefix. */
export function messageId(id: string): string {
  if (id.startsWith('msg_')) return id;
  return id.length > 0 ? `msg_${id}` : `msg_${Date.now().toString(36)}`;
}
