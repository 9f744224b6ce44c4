import {
  type AssistantMessage,
  type CanonEvent,
  type CanonRequest,
  type CanonUsage,
  errorCatalog,
  type FinishReason,
  type GatewayError,
  type GatewaySummary,
} from '../../canon/index.js';
import type { SseFrame } from '../../http/sse-types.js';
import type { StreamEncoder } from '../codec.js';
import { encodeSummaryObject } from '../shared/encode-summary.js';
import type { WireObject } from '../shared/read-fields.js';
import { outputItemKind } from './encode-output-items.js';
import { upstreamFieldsOf } from './encode-response.js';
import { createResponseId, outputItemId, responseIdOf } from './ids.js';
import { encodeResponsesStatus } from './map-status.js';
import { buildResponseObject, type ResponseSnapshot } from './response-object.js';
import {
  announceItem,
  appendDelta,
  closeItem,
  type Emit,
  emptyPartFor,
  finalItem,
  type StreamItem,
} from './stream-items.js';

type AssistantPart = AssistantMessage['content'][number];

interface EncoderState {
  request: CanonRequest;
  head: Pick<ResponseSnapshot, 'id' | 'createdAt' | 'model' | 'upstreamFields'>;
  sequence: number;
  started: boolean;
  /** A terminal event has been sent; nothing follows it. */
  closed: boolean;
  items: StreamItem[];
  byBlock: Map<number, StreamItem>;
  finish?: FinishReason;
  usage?: CanonUsage;
  summary?: GatewaySummary;
}

/**
 * Canonical events → Responses SSE (`event:` + `data:` with `type` and a strictly increasing
 * `sequence_number`): `response.created` (status in_progress, output []) and `response.in_progress`, then
 * per canonical block one output item with its added/delta/done events, and at `end()` one terminal
 * `response.completed` / `response.incomplete` carrying the full Response, usage and the `switchyard`
 * summary (both may arrive after `finish`, hence the wait). Reasoning is rendered as a reasoning summary
 * (`reasoning_summary_*` events), the form OpenAI's own models stream and clients display. An error
 * event, or a stream that ends unfinished, becomes `response.failed` and nothing follows it.
 * The Response id is the one `assignResponseId` fixed on the request, else a random one.
 */
export function createOpenAiResponsesStreamEncoder(request: CanonRequest): StreamEncoder {
  const state: EncoderState = {
    request,
    head: {
      id: responseIdOf(request) ?? createResponseId(),
      createdAt: Math.floor(Date.now() / 1000),
      model: request.model,
    },
    sequence: 0,
    started: false,
    closed: false,
    items: [],
    byBlock: new Map(),
  };
  return {
    push(event: CanonEvent): SseFrame[] {
      if (state.closed) return [];
      const frames: SseFrame[] = [];
      const emit = emitter(state, frames);
      if (event.type === 'response-start' && !state.started) {
        state.head = {
          ...state.head,
          createdAt: event.createdAt,
          model: event.model || state.head.model,
          ...upstreamFieldsOf(event.vendor?.['openai-responses']),
        };
      }
      // Warnings carry nothing for this shape; they must not open the stream before response-start.
      if (event.type === 'warning') return frames;
      start(state, emit);
      onEvent(state, event, emit);
      return frames;
    },
    end(): SseFrame[] {
      if (state.closed) return [];
      const frames: SseFrame[] = [];
      const emit = emitter(state, frames);
      start(state, emit);
      if (!state.finish) {
        fail(state, emit, {
          code: 'upstream_protocol_error',
          message: 'the answer stream ended before it finished',
        });
        return frames;
      }
      finishStream(state, state.finish, emit);
      return frames;
    },
  };
}

function emitter(state: EncoderState, frames: SseFrame[]): Emit {
  return (type, payload) => {
    const body = { type, ...payload, sequence_number: state.sequence++ };
    frames.push({ event: type, data: JSON.stringify(body) });
  };
}

function snapshot(state: EncoderState, rest: Partial<ResponseSnapshot> = {}): WireObject {
  return buildResponseObject(
    { ...state.head, status: 'in_progress', output: state.items.map(finalItem), ...rest },
    state.request,
  );
}

function start(state: EncoderState, emit: Emit): void {
  if (state.started) return;
  state.started = true;
  emit('response.created', { response: snapshot(state) });
  emit('response.in_progress', { response: snapshot(state) });
}

function onEvent(state: EncoderState, event: CanonEvent, emit: Emit): void {
  // The Responses API has no `n`: only the first choice is rendered.
  if ('choice' in event && event.choice !== undefined && event.choice !== 0) return;
  switch (event.type) {
    case 'text-start':
    case 'reasoning-start':
    case 'tool-call-start':
      itemFor(state, event.block, emptyPartFor(event), emit);
      break;
    case 'text-delta':
    case 'refusal-delta':
    case 'reasoning-delta':
      appendDelta(itemFor(state, event.block, emptyPartFor(event), emit), event.text, emit);
      break;
    case 'tool-call-delta': {
      const item = state.byBlock.get(event.block);
      if (item) appendDelta(item, event.argumentsDelta, emit);
      break;
    }
    case 'text-end':
    case 'reasoning-end':
    case 'tool-call-end': {
      const item = state.byBlock.get(event.block);
      if (item) closeItem(item, emit);
      break;
    }
    case 'finish': {
      state.finish = event.finish;
      // Items still open when the length limit struck were cut short.
      const status = event.finish.unified === 'length' ? 'incomplete' : 'completed';
      for (const item of state.items) closeItem(item, emit, status);
      break;
    }
    case 'usage':
      state.usage = event.usage;
      break;
    case 'gateway-summary':
      state.summary = event.summary;
      break;
    case 'error':
      failWith(state, emit, event.error);
      break;
    default:
      break;
  }
}

/** The item of a block, announced on first sight (a delta may come without its start event). */
function itemFor(state: EncoderState, block: number, part: AssistantPart, emit: Emit): StreamItem {
  const existing = state.byBlock.get(block);
  if (existing) return existing;
  const outputIndex = state.items.length;
  const item: StreamItem = {
    outputIndex,
    id: outputItemId(state.head.id, outputItemKind(part), outputIndex),
    part,
    open: true,
    summaryOpen: false,
    status: 'completed',
  };
  state.items.push(item);
  state.byBlock.set(block, item);
  announceItem(item, emit);
  return item;
}

function finishStream(state: EncoderState, finish: FinishReason, emit: Emit): void {
  const status = encodeResponsesStatus(finish);
  for (const item of state.items) closeItem(item, emit);
  const response = snapshot(state, {
    status: status.status,
    error: status.error,
    incompleteDetails: status.incompleteDetails,
    completedAt: Math.floor(Date.now() / 1000),
    ...(state.usage ? { usage: state.usage } : {}),
  });
  if (state.summary) response.switchyard = encodeSummaryObject(state.summary);
  emit(`response.${status.status}`, { response });
  state.closed = true;
}

function failWith(state: EncoderState, emit: Emit, error: GatewayError): void {
  const code = error.details.code ?? errorCatalog[error.kind].openaiCode ?? 'server_error';
  fail(state, emit, { code, message: error.message });
}

/** `response.failed` with what was streamed so far; nothing is sent after it. */
function fail(state: EncoderState, emit: Emit, error: { code: string; message: string }): void {
  state.closed = true;
  emit('response.failed', { response: snapshot(state, { status: 'failed', error }) });
}
