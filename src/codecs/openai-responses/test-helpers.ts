// Helpers shared by this codec's own tests (not part of the public API).
import { accumulateResponse } from 'openai/lib/responses/ResponseAccumulator';
import type { ResponseStreamEvent } from 'openai/resources/responses/responses';
import type { CanonEvent, CanonRequest, CanonResponse } from '../../canon/index.js';
import { createSseParser, encodeSseFrame } from '../../http/index.js';
import { isWireObject, type WireObject } from '../shared/read-fields.js';
import { decodeOpenAiResponsesRequest } from './decode-request.js';
import { createOpenAiResponsesStreamEncoder } from './encode-stream.js';
import { assignResponseId } from './ids.js';

export const provider = { id: 'openai', model: 'gpt-5-mini' };

/** An answer with every part kind, as a Responses upstream would have produced it. */
export const sampleResponse: CanonResponse = {
  id: 'resp_upstream',
  model: 'gpt-5-mini',
  createdAt: 1700000000,
  choices: [
    {
      index: 0,
      message: {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'The user wants the weather.' },
          { type: 'text', text: 'Checking the weather.' },
          { type: 'tool-call', callId: 'call_1', toolName: 'get_weather', argumentsJson: '{"city":"Oslo"}' },
        ],
      },
      finish: { unified: 'tool-calls', raw: 'completed' },
    },
  ],
  usage: { input: { total: 30, cacheRead: 4 }, output: { total: 12, reasoning: 2 } },
  warnings: [],
  provider,
  vendor: {},
};

/** A decoded Responses request with a fixed Response id. */
export function sampleRequest(body: WireObject = {}, responseId = 'resp_fixed'): CanonRequest {
  const request = decodeOpenAiResponsesRequest({ model: 'gpt-5-mini', input: 'Weather in Oslo?', ...body });
  return assignResponseId(request, responseId);
}

/** Runs events through the stream encoder and returns the SSE text. */
export function encodeStreamText(
  events: CanonEvent[],
  request: CanonRequest = sampleRequest({ stream: true }),
): string {
  const encoder = createOpenAiResponsesStreamEncoder(request);
  return [...events.flatMap((event) => encoder.push(event)), ...encoder.end()].map(encodeSseFrame).join('');
}

/** One parsed Responses stream event: its SSE `event:` name and its JSON data. */
export interface ParsedEvent {
  event: string | undefined;
  data: WireObject;
}

export function parseStreamText(text: string): ParsedEvent[] {
  return createSseParser()
    .push(text)
    .map((event) => ({ event: event.event, data: JSON.parse(event.data) as WireObject }));
}

const terminalTypes = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/**
 * Checks the grammar the official SDK relies on and returns every problem found: response.created first
 * with output [], event name = data.type, sequence numbers 0,1,2..., every delta pointing at an announced
 * item and part of the right type, exactly one terminal event and it is last.
 */
export function streamProblems(events: ParsedEvent[]): string[] {
  const problems: string[] = [];
  const first = events[0]?.data;
  const created = isWireObject(first?.response) ? first.response : undefined;
  if (first?.type !== 'response.created') problems.push(`first event is ${String(first?.type)}`);
  if (!Array.isArray(created?.output) || created.output.length !== 0)
    problems.push('response.created output is not []');
  if (created?.status !== 'in_progress') problems.push('response.created status is not in_progress');
  const items: Array<{ type: unknown; parts: unknown[]; summaries: number }> = [];
  events.forEach(({ event, data }, position) => {
    const type = String(data.type);
    const where = `event ${position} (${type})`;
    if (event !== type) problems.push(`${where}: event name ${String(event)} differs from type`);
    if (data.sequence_number !== position)
      problems.push(`${where}: sequence_number ${String(data.sequence_number)}`);
    if (terminalTypes.has(type) && position !== events.length - 1)
      problems.push(`${where}: terminal event is not last`);
    const item = typeof data.output_index === 'number' ? items[data.output_index] : undefined;
    const needsItem =
      type.startsWith('response.') && 'output_index' in data && type !== 'response.output_item.added';
    if (needsItem && !item)
      problems.push(`${where}: output_index ${String(data.output_index)} was never added`);
    if (type === 'response.output_item.added') {
      if (data.output_index !== items.length) problems.push(`${where}: output_index is not the next index`);
      items.push({ type: isWireObject(data.item) ? data.item.type : undefined, parts: [], summaries: 0 });
    } else if (type === 'response.content_part.added' && item) {
      if (data.content_index !== item.parts.length)
        problems.push(`${where}: content_index is not the next index`);
      item.parts.push(isWireObject(data.part) ? data.part.type : undefined);
    } else if (type === 'response.reasoning_summary_part.added' && item) {
      item.summaries += 1;
    }
    const expectPart = (partType: string) => {
      const index = typeof data.content_index === 'number' ? data.content_index : -1;
      if (item?.type !== 'message' || item.parts[index] !== partType)
        problems.push(`${where}: no ${partType} part there`);
    };
    if (type.startsWith('response.output_text.')) expectPart('output_text');
    if (type.startsWith('response.refusal.')) expectPart('refusal');
    if (type.startsWith('response.function_call_arguments.') && item?.type !== 'function_call') {
      problems.push(`${where}: item is not a function_call`);
    }
    if (
      type.startsWith('response.reasoning_summary_text.') &&
      (item?.type !== 'reasoning' || item.summaries === 0)
    ) {
      problems.push(`${where}: no reasoning summary part there`);
    }
  });
  const last = events.at(-1)?.data.type;
  if (!terminalTypes.has(String(last))) problems.push(`last event is ${String(last)}, not a terminal event`);
  return problems;
}

/** Folds the events with the official SDK's own accumulator (throws where the SDK would). */
export function accumulateWithSdk(events: ParsedEvent[]): WireObject {
  let snapshot: ReturnType<typeof accumulateResponse> | undefined;
  for (const { data } of events)
    snapshot = accumulateResponse(data as unknown as ResponseStreamEvent, snapshot);
  return snapshot as unknown as WireObject;
}
