import type { CanonEvent, ProviderIdentity } from '../../canon/index.js';
import type { SseEvent } from '../../http/sse-types.js';
import type { StreamDecoder } from '../codec.js';
import { isWireObject, type WireObject } from '../shared/read-fields.js';
import { closeOpenBlocks, onBlockDelta, onBlockStart, onBlockStop } from './decode-stream-blocks.js';
import { type DecoderState, fail, newDecoderState } from './decode-stream-state.js';
import { decodeAnthropicStreamError } from './map-error.js';
import { mapAnthropicFinishReason } from './map-finish-reason.js';
import { mapAnthropicUsage } from './map-usage.js';

/**
 * Anthropic SSE → canonical events. Content block `index` maps directly to the canonical `block`.
 * A stream that ends before `message_stop` ends in an `upstream_protocol` error, never silently.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */
export function createAnthropicStreamDecoder(provider: ProviderIdentity): StreamDecoder {
  const state = newDecoderState(provider);
  return {
    push(event: SseEvent): CanonEvent[] {
      if (state.failed || state.stopped) return [];
      let chunk: unknown;
      try {
        chunk = JSON.parse(event.data);
      } catch {
        return fail(state, `malformed stream event from upstream: ${event.data.slice(0, 80)}`);
      }
      if (!isWireObject(chunk)) return fail(state, 'stream event is not a JSON object');
      const type = typeof chunk.type === 'string' ? chunk.type : event.event;
      switch (type) {
        case 'message_start':
          return onMessageStart(state, chunk);
        case 'content_block_start':
          return onBlockStart(state, chunk);
        case 'content_block_delta':
          return onBlockDelta(state, chunk);
        case 'content_block_stop':
          return onBlockStop(state, chunk);
        case 'message_delta':
          return onMessageDelta(state, chunk);
        case 'message_stop':
          return onMessageStop(state);
        case 'error':
          state.failed = true;
          return [{ type: 'error', error: decodeAnthropicStreamError(chunk, provider) }];
        default:
          return []; // ping, and event types added after this codec was written
      }
    },
    end(): CanonEvent[] {
      if (state.failed || state.stopped) return [];
      const where = state.started ? 'before message_stop' : 'before message_start';
      return fail(state, `upstream stream ended ${where}`);
    },
  };
}

function usageEvent(state: DecoderState, usage: unknown): CanonEvent[] {
  if (isWireObject(usage)) Object.assign(state.usage, usage);
  const mapped = mapAnthropicUsage(state.usage);
  return mapped ? [{ type: 'usage', usage: { ...mapped, raw: { ...state.usage } } }] : [];
}

function onMessageStart(state: DecoderState, chunk: WireObject): CanonEvent[] {
  if (state.started) return fail(state, 'a second message_start arrived');
  state.started = true;
  const message = isWireObject(chunk.message) ? chunk.message : {};
  const start: CanonEvent = {
    type: 'response-start',
    id: typeof message.id === 'string' ? message.id : '',
    model: typeof message.model === 'string' ? message.model : state.provider.model,
    createdAt: Math.floor(Date.now() / 1000),
  };
  // Input tokens are known now; reporting them at once lets a stream cut short still be accounted.
  return [start, ...usageEvent(state, message.usage)];
}

function onMessageDelta(state: DecoderState, chunk: WireObject): CanonEvent[] {
  if (!state.started) return fail(state, 'message_delta before message_start');
  const delta = isWireObject(chunk.delta) ? chunk.delta : {};
  const events = [...closeOpenBlocks(state), ...usageEvent(state, chunk.usage)];
  if (typeof delta.stop_reason === 'string' && !state.finishSent) {
    state.finishSent = true;
    events.push({ type: 'finish', finish: mapAnthropicFinishReason(delta.stop_reason) });
  }
  return events;
}

function onMessageStop(state: DecoderState): CanonEvent[] {
  if (!state.started) return fail(state, 'message_stop before message_start');
  state.stopped = true;
  const events = closeOpenBlocks(state);
  if (!state.finishSent) events.push({ type: 'finish', finish: mapAnthropicFinishReason(null) });
  return events;
}
