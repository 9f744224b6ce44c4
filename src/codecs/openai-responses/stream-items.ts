import type { AssistantMessage, CanonEvent } from '../../canon/index.js';
import type { WireObject } from '../shared/read-fields.js';
import { encodeOutputItem } from './encode-output-items.js';

type AssistantPart = AssistantMessage['content'][number];

/** One output item being streamed: the canonical part it accumulates and where it sits. */
export interface StreamItem {
  outputIndex: number;
  id: string;
  part: AssistantPart;
  open: boolean;
  /** Reasoning only: the summary part has been announced. */
  summaryOpen: boolean;
  /** Status once closed ('incomplete' when cut by the length limit). */
  status: 'completed' | 'incomplete';
}

/** Canonical events that open an item when it does not exist yet. */
export type OpeningEvent = Extract<
  CanonEvent,
  {
    type:
      | 'text-start'
      | 'text-delta'
      | 'refusal-delta'
      | 'reasoning-start'
      | 'reasoning-delta'
      | 'tool-call-start';
  }
>;

/** The empty part an item starts from, by the event that opens it. */
export function emptyPartFor(event: OpeningEvent): AssistantPart {
  switch (event.type) {
    case 'text-start':
    case 'text-delta':
      return { type: 'text', text: '' };
    case 'refusal-delta':
      return { type: 'refusal', text: '' };
    case 'reasoning-start':
    case 'reasoning-delta':
      return { type: 'reasoning', text: '' };
    case 'tool-call-start':
      return { type: 'tool-call', callId: event.callId, toolName: event.toolName, argumentsJson: '' };
  }
}

/** Emits one event; the encoder adds `type` and `sequence_number`. */
export type Emit = (type: string, payload: WireObject) => void;

/** The item as the final Response (and `response.output_item.done`) shows it. */
export function finalItem(item: StreamItem): WireObject {
  const encoded = encodeOutputItem(item.part, item.id);
  if (item.part.type !== 'reasoning') encoded.status = item.open ? 'in_progress' : item.status;
  return encoded;
}

/** `response.output_item.added` (+ `content_part.added` for message items). */
export function announceItem(item: StreamItem, emit: Emit): void {
  const where = { output_index: item.outputIndex };
  const part = item.part;
  switch (part.type) {
    case 'text':
    case 'refusal': {
      const message = { id: item.id, type: 'message', status: 'in_progress', role: 'assistant', content: [] };
      emit('response.output_item.added', { ...where, item: message });
      emit('response.content_part.added', {
        item_id: item.id,
        ...where,
        content_index: 0,
        part: emptyPart(part),
      });
      return;
    }
    case 'reasoning':
      emit('response.output_item.added', { ...where, item: { id: item.id, type: 'reasoning', summary: [] } });
      return;
    case 'tool-call':
      emit('response.output_item.added', {
        ...where,
        item: {
          id: item.id,
          type: 'function_call',
          status: 'in_progress',
          call_id: part.callId,
          name: part.toolName,
          arguments: '',
        },
      });
  }
}

/** Appends a delta to the item and emits the matching delta event. */
export function appendDelta(item: StreamItem, delta: string, emit: Emit): void {
  if (delta.length === 0) return;
  const where = { item_id: item.id, output_index: item.outputIndex };
  const part = item.part;
  switch (part.type) {
    case 'text':
      part.text += delta;
      emit('response.output_text.delta', { ...where, content_index: 0, delta, logprobs: [] });
      return;
    case 'refusal':
      part.text += delta;
      emit('response.refusal.delta', { ...where, content_index: 0, delta });
      return;
    case 'reasoning':
      if (!item.summaryOpen) {
        item.summaryOpen = true;
        emit('response.reasoning_summary_part.added', {
          ...where,
          summary_index: 0,
          part: { type: 'summary_text', text: '' },
        });
      }
      part.text += delta;
      emit('response.reasoning_summary_text.delta', { ...where, summary_index: 0, delta });
      return;
    case 'tool-call':
      part.argumentsJson += delta;
      emit('response.function_call_arguments.delta', { ...where, delta });
  }
}

/** Emits the `.done` events of an open item and marks it closed. */
export function closeItem(item: StreamItem, emit: Emit, status: StreamItem['status'] = 'completed'): void {
  if (!item.open) return;
  const where = { item_id: item.id, output_index: item.outputIndex };
  const part = item.part;
  switch (part.type) {
    case 'text':
      emit('response.output_text.done', { ...where, content_index: 0, text: part.text, logprobs: [] });
      emit('response.content_part.done', { ...where, content_index: 0, part: fullPart(part) });
      break;
    case 'refusal':
      emit('response.refusal.done', { ...where, content_index: 0, refusal: part.text });
      emit('response.content_part.done', { ...where, content_index: 0, part: fullPart(part) });
      break;
    case 'reasoning':
      if (item.summaryOpen) {
        emit('response.reasoning_summary_text.done', { ...where, summary_index: 0, text: part.text });
        emit('response.reasoning_summary_part.done', {
          ...where,
          summary_index: 0,
          part: { type: 'summary_text', text: part.text },
        });
      }
      break;
    case 'tool-call':
      emit('response.function_call_arguments.done', {
        ...where,
        name: part.toolName,
        arguments: part.argumentsJson === '' ? '{}' : part.argumentsJson,
      });
      break;
  }
  item.open = false;
  item.status = status;
  emit('response.output_item.done', { output_index: item.outputIndex, item: finalItem(item) });
}

function emptyPart(part: AssistantPart): WireObject {
  return part.type === 'refusal'
    ? { type: 'refusal', refusal: '' }
    : { type: 'output_text', text: '', annotations: [], logprobs: [] };
}

function fullPart(part: AssistantPart): WireObject {
  const text = part.type === 'text' || part.type === 'refusal' ? part.text : '';
  return part.type === 'refusal'
    ? { type: 'refusal', refusal: text }
    : { type: 'output_text', text, annotations: [], logprobs: [] };
}
