import {
  type CanonEvent,
  type CanonRequest,
  type CanonUsage,
  type FinishReason,
  GatewayError,
  type GatewaySummary,
} from '../../canon/index.js';
import type { SseFrame } from '../../http/sse-types.js';
import type { StreamEncoder } from '../codec.js';
import { encodeSummaryObject } from '../shared/encode-summary.js';
import type { WireObject } from '../shared/read-fields.js';
import { messageId } from './encode-response.js';
import { type BlockSequencer, createBlockSequencer, frame } from './encode-stream-blocks.js';
import { encodeAnthropicErrorBody } from './map-error.js';
import { encodeAnthropicStopReason } from './map-finish-reason.js';
import { encodeAnthropicUsage } from './map-usage.js';

interface EncoderState {
  id: string;
  model: string;
  /** `message_start` was written; it must be the first event. */
  started: boolean;
  failed: boolean;
  blocks: BlockSequencer;
  usage?: CanonUsage;
  finish?: FinishReason;
  summary?: GatewaySummary;
}

/**
 * Canonical events → Anthropic SSE, in the grammar the official SDK enforces: every event named,
 * `message_start` first (carrying input usage when it is known by then), blocks 0..n in order,
 * `message_delta` with `usage.output_tokens` and the gateway summary as an extra `switchyard` field
 * (held back until `end()` so the summary can ride on it), then `message_stop`. A canonical `error`
 * becomes `event: error` and ends the stream.
 */
export function createAnthropicStreamEncoder(request: CanonRequest): StreamEncoder {
  const state: EncoderState = {
    id: messageId(''),
    model: request.model,
    started: false,
    failed: false,
    blocks: createBlockSequencer(),
  };
  return {
    push(event: CanonEvent): SseFrame[] {
      if (state.failed) return [];
      // Anthropic has one answer per message: alternatives (n > 1) are not sent.
      if ('choice' in event && event.choice !== undefined && event.choice !== 0) return [];
      const frames: SseFrame[] = [];
      onEvent(state, event, frames);
      return frames;
    },
    end(): SseFrame[] {
      if (state.failed) return [];
      const frames: SseFrame[] = [];
      if (!state.finish) {
        fail(state, new GatewayError('upstream_protocol', 'the answer ended before it was finished'), frames);
        return frames;
      }
      ensureStarted(state, frames);
      state.blocks.endAll(frames);
      const usage = encodeAnthropicUsage(state.usage);
      const messageDelta: WireObject = {
        type: 'message_delta',
        delta: { stop_reason: encodeAnthropicStopReason(state.finish), stop_sequence: null },
        usage,
      };
      if (state.summary) messageDelta.switchyard = encodeSummaryObject(state.summary);
      frames.push(frame(messageDelta), frame({ type: 'message_stop' }));
      return frames;
    },
  };
}

function onEvent(state: EncoderState, event: CanonEvent, frames: SseFrame[]): void {
  switch (event.type) {
    case 'response-start':
      if (!state.started) {
        state.id = messageId(event.id);
        state.model = event.model || state.model;
      }
      break;
    case 'text-start':
      startBlock(state, event.block, { kind: 'text' }, frames);
      break;
    case 'text-delta':
    case 'refusal-delta':
      if (!state.blocks.has(event.block)) startBlock(state, event.block, { kind: 'text' }, frames);
      if (event.text) state.blocks.delta(event.block, { type: 'text_delta', text: event.text }, frames);
      break;
    case 'reasoning-start':
      startBlock(state, event.block, { kind: 'thinking' }, frames);
      break;
    case 'reasoning-delta':
      if (!state.blocks.has(event.block)) startBlock(state, event.block, { kind: 'thinking' }, frames);
      if (event.text)
        state.blocks.delta(event.block, { type: 'thinking_delta', thinking: event.text }, frames);
      break;
    case 'reasoning-end': {
      const block = state.blocks.get(event.block);
      if (block && event.signature !== undefined) block.signature = event.signature;
      if (block && event.redactedData !== undefined) block.redactedData = event.redactedData;
      state.blocks.end(event.block, frames);
      break;
    }
    case 'tool-call-start':
      startBlock(
        state,
        event.block,
        { kind: 'tool', callId: event.callId, toolName: event.toolName },
        frames,
      );
      break;
    case 'tool-call-delta':
      if (event.argumentsDelta) {
        state.blocks.delta(
          event.block,
          { type: 'input_json_delta', partial_json: event.argumentsDelta },
          frames,
        );
      }
      break;
    case 'text-end':
    case 'tool-call-end':
      state.blocks.end(event.block, frames);
      break;
    case 'usage':
      state.usage = event.usage;
      break;
    case 'finish':
      state.finish = event.finish;
      ensureStarted(state, frames);
      state.blocks.endAll(frames);
      break;
    case 'gateway-summary':
      state.summary = event.summary;
      break;
    case 'error':
      fail(state, event.error, frames);
      break;
    default:
      break; // warnings travel in headers and logs, not in Anthropic's grammar
  }
}

function startBlock(
  state: EncoderState,
  canonical: number,
  block: { kind: 'text' | 'thinking' | 'tool'; callId?: string; toolName?: string },
  frames: SseFrame[],
): void {
  if (state.blocks.has(canonical)) return;
  ensureStarted(state, frames);
  state.blocks.start(canonical, { ...block, ended: false, pending: [] }, frames);
}

function ensureStarted(state: EncoderState, frames: SseFrame[]): void {
  if (state.started) return;
  state.started = true;
  const message = {
    id: state.id,
    type: 'message',
    role: 'assistant',
    model: state.model,
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: encodeAnthropicUsage(state.usage),
  };
  frames.push(frame({ type: 'message_start', message }));
}

function fail(state: EncoderState, error: GatewayError, frames: SseFrame[]): void {
  state.failed = true;
  frames.push(frame(encodeAnthropicErrorBody(error)));
}
