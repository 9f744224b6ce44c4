import type { GatewayError } from './errors.js';
import type { FinishReason } from './finish-reason.js';
import type { VendorFields } from './request.js';
import type { GatewaySummary } from './summary.js';
import type { CanonUsage } from './usage.js';
import type { Warning } from './warning.js';

/**
 * One step of a streamed answer. `block` is a 0-based index over all content blocks of one choice
 * (text, reasoning, tool calls); `choice` defaults to 0 and is only set for n > 1.
 */
export type CanonEvent =
  | { type: 'response-start'; id: string; model: string; createdAt: number; vendor?: VendorFields }
  | { type: 'text-start'; block: number; choice?: number }
  | { type: 'text-delta'; block: number; text: string; choice?: number; logprobs?: unknown }
  | { type: 'text-end'; block: number; choice?: number }
  | { type: 'refusal-delta'; block: number; text: string; choice?: number }
  | { type: 'reasoning-start'; block: number; choice?: number }
  | { type: 'reasoning-delta'; block: number; text: string; choice?: number }
  | { type: 'reasoning-end'; block: number; signature?: string; redactedData?: string; choice?: number }
  | { type: 'tool-call-start'; block: number; callId: string; toolName: string; choice?: number }
  | { type: 'tool-call-delta'; block: number; argumentsDelta: string; choice?: number }
  | { type: 'tool-call-end'; block: number; choice?: number }
  | { type: 'usage'; usage: CanonUsage }
  | { type: 'finish'; finish: FinishReason; choice?: number; logprobs?: unknown }
  | { type: 'warning'; warning: Warning }
  | { type: 'error'; error: GatewayError }
  /** Added by the gateway after the upstream finished: encoders attach it to their final event. */
  | { type: 'gateway-summary'; summary: GatewaySummary };

/** Events that mean the upstream has started answering: the streaming commit point. */
export function isContentEvent(event: CanonEvent): boolean {
  switch (event.type) {
    case 'text-delta':
    case 'refusal-delta':
    case 'reasoning-delta':
      return event.text.length > 0;
    case 'tool-call-start':
    case 'finish':
      return true;
    default:
      return false;
  }
}
