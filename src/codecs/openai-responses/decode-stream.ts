import type { CanonEvent, ProviderIdentity } from '../../canon/index.js';
import type { SseEvent } from '../../http/sse-types.js';
import type { StreamDecoder } from '../codec.js';
import { isWireObject, type WireObject } from '../shared/read-fields.js';
import { keptFields, protocolError } from './decode-response.js';
import {
  closeBlock,
  type DecoderState,
  onContentEvent,
  onItemAdded,
  onItemDone,
} from './decode-stream-items.js';
import { decodeResponsesFailure } from './map-error.js';
import { mapResponsesStatus } from './map-status.js';
import { mapResponsesUsage } from './map-usage.js';
import { responsesShape } from './vendor.js';

/**
 * Responses SSE from an upstream → canonical events. Blocks follow output items (one per message
 * content part, function call or reasoning item). `response.completed` / `response.incomplete` finish
 * the answer, `response.failed` and `error` end it in an error event, and a stream that stops before
 * any of them ends in an `upstream_protocol` error: never a silent end.
 */
export function createOpenAiResponsesStreamDecoder(provider: ProviderIdentity): StreamDecoder {
  const state: DecoderState = {
    provider,
    started: false,
    closed: false,
    nextBlock: 0,
    blocks: new Map(),
    hasToolCalls: false,
  };
  return {
    push(event: SseEvent): CanonEvent[] {
      if (state.closed || event.data === '[DONE]') return [];
      let payload: unknown;
      try {
        payload = JSON.parse(event.data);
      } catch {
        return fail(state, `malformed stream event from upstream: ${event.data.slice(0, 80)}`);
      }
      if (!isWireObject(payload)) return fail(state, 'stream event is not a JSON object');
      const events: CanonEvent[] = [];
      onEvent(state, payload, events);
      return events;
    },
    end(): CanonEvent[] {
      if (state.closed) return [];
      return fail(state, 'upstream stream ended before the response completed');
    },
  };
}

function onEvent(state: DecoderState, payload: WireObject, events: CanonEvent[]): void {
  const type = typeof payload.type === 'string' ? payload.type : '';
  const response = isWireObject(payload.response) ? payload.response : undefined;
  switch (type) {
    case 'response.created':
    case 'response.queued':
    case 'response.in_progress':
      start(state, response, events);
      return;
    case 'response.output_item.added':
      start(state, undefined, events);
      onItemAdded(state, payload, events);
      return;
    case 'response.output_item.done':
      start(state, undefined, events);
      onItemDone(state, payload, events);
      return;
    case 'response.completed':
    case 'response.incomplete':
      start(state, response, events);
      onFinished(state, response ?? {}, events);
      return;
    case 'response.failed':
      state.closed = true;
      events.push({ type: 'error', error: decodeResponsesFailure(response?.error, state.provider) });
      return;
    case 'error':
      state.closed = true;
      events.push({ type: 'error', error: decodeResponsesFailure(payload, state.provider) });
      return;
    default:
      start(state, undefined, events);
      onContentEvent(state, type, payload, events);
  }
}

function start(state: DecoderState, response: WireObject | undefined, events: CanonEvent[]): void {
  if (state.started) return;
  state.started = true;
  const source = response ?? {};
  const event: CanonEvent = {
    type: 'response-start',
    id: typeof source.id === 'string' ? source.id : '',
    model: typeof source.model === 'string' ? source.model : state.provider.model,
    createdAt: typeof source.created_at === 'number' ? source.created_at : Math.floor(Date.now() / 1000),
  };
  const kept = keptFields(source);
  if (kept) event.vendor = { [responsesShape]: kept };
  events.push(event);
}

function onFinished(state: DecoderState, response: WireObject, events: CanonEvent[]): void {
  for (const block of state.blocks.values()) closeBlock(block, events);
  state.closed = true;
  const status = typeof response.status === 'string' ? response.status : 'completed';
  const reason = isWireObject(response.incomplete_details) ? response.incomplete_details.reason : undefined;
  events.push({
    type: 'finish',
    finish: mapResponsesStatus(status, typeof reason === 'string' ? reason : undefined, state.hasToolCalls),
  });
  const usage = mapResponsesUsage(response.usage);
  if (usage) events.push({ type: 'usage', usage });
}

function fail(state: DecoderState, message: string): CanonEvent[] {
  state.closed = true;
  return [{ type: 'error', error: protocolError(state.provider, message) }];
}
