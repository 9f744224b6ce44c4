import { describe, expect, it } from 'vitest';
import { type CanonEvent, GatewayError, replayResponse } from '../../canon/index.js';
import { encodeOpenAiResponsesResponse } from './encode-response.js';
import { createOpenAiResponsesStreamEncoder } from './encode-stream.js';
import {
  accumulateWithSdk,
  encodeStreamText,
  type ParsedEvent,
  parseStreamText,
  sampleRequest,
  sampleResponse,
  streamProblems,
} from './test-helpers.js';

const summaryEvent: CanonEvent = {
  type: 'gateway-summary',
  summary: { requestId: 'req_9', candidates: [], attempts: 1, fallbackUsed: false, costUsd: null },
};

function encode(events: CanonEvent[]): ParsedEvent[] {
  return parseStreamText(encodeStreamText(events));
}

describe('createOpenAiResponsesStreamEncoder', () => {
  const events = encode([...replayResponse(sampleResponse), summaryEvent]);

  it('follows the grammar the SDK relies on', () => {
    expect(streamProblems(events)).toEqual([]);
    expect(events.slice(0, 2).map((event) => event.data.type)).toEqual([
      'response.created',
      'response.in_progress',
    ]);
  });

  it('streams one output item per block, with the documented event sequence', () => {
    expect(events.map((event) => event.data.type).slice(2)).toEqual([
      'response.output_item.added',
      'response.reasoning_summary_part.added',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const added = events.find(
      (event) => event.data.type === 'response.output_item.added' && event.data.output_index === 2,
    );
    expect(added?.data.item).toEqual({
      id: 'fc_fixed_2',
      type: 'function_call',
      status: 'in_progress',
      call_id: 'call_1',
      name: 'get_weather',
      arguments: '',
    });
  });

  it('ends with the full Response, usage and summary inside, matching the non-stream rendering', () => {
    const final = events.at(-1)?.data.response as Record<string, unknown>;
    const whole = encodeOpenAiResponsesResponse(sampleResponse, sampleRequest({ stream: true }));
    expect(final.output).toEqual(whole.output);
    expect(final.usage).toEqual(whole.usage);
    expect(final.status).toBe('completed');
    expect(final.switchyard).toMatchObject({ request_id: 'req_9', cost_usd: null });
  });

  it("folds through the official SDK's accumulator into the same output", () => {
    const snapshot = accumulateWithSdk(events);
    expect(snapshot.output_text).toBe('Checking the weather.');
    expect(snapshot.status).toBe('completed');
  });

  it('a length finish becomes response.incomplete with the reason', () => {
    const cut = encode([
      { type: 'response-start', id: 'x', model: 'm', createdAt: 1 },
      { type: 'text-start', block: 0 },
      { type: 'text-delta', block: 0, text: 'Half' },
      { type: 'finish', finish: { unified: 'length' } },
    ]);
    expect(streamProblems(cut)).toEqual([]);
    const final = cut.at(-1)?.data;
    expect(final?.type).toBe('response.incomplete');
    expect(final?.response).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
      output: [{ type: 'message', status: 'incomplete' }],
    });
  });

  it('an error becomes response.failed with code and message, and nothing follows', () => {
    const request = sampleRequest({ stream: true });
    const encoder = createOpenAiResponsesStreamEncoder(request);
    const frames = [
      ...encoder.push({ type: 'response-start', id: 'x', model: 'm', createdAt: 1 }),
      ...encoder.push({ type: 'text-delta', block: 0, text: 'Hal' }),
      ...encoder.push({
        type: 'error',
        error: new GatewayError(
          'upstream_protocol',
          'openai: upstream stream ended before the answer was finished',
        ),
      }),
    ];
    expect(encoder.push({ type: 'text-delta', block: 0, text: 'more' })).toEqual([]);
    expect(encoder.end()).toEqual([]);
    const parsed = frames.map((frame) => ({
      event: 'event' in frame ? frame.event : undefined,
      data: JSON.parse('data' in frame ? frame.data : '{}') as Record<string, unknown>,
    }));
    expect(streamProblems(parsed)).toEqual([]);
    expect(parsed.at(-1)?.data.response).toMatchObject({
      status: 'failed',
      error: { code: 'upstream_protocol_error', message: expect.stringContaining('ended before') },
      output: [{ type: 'message', status: 'in_progress' }],
    });
    expect(() => accumulateWithSdk(parsed)).not.toThrow();
  });

  it('a stream that ends without a finish is a failure, never a clean completion', () => {
    const cut = encode([{ type: 'text-delta', block: 0, text: 'Hal' }]);
    expect(streamProblems(cut)).toEqual([]);
    expect(cut.at(-1)?.data).toMatchObject({ type: 'response.failed', response: { status: 'failed' } });
  });

  it('an error before anything else still starts with response.created', () => {
    const failed = encode([{ type: 'error', error: new GatewayError('upstream_rate_limited', 'slow down') }]);
    expect(failed.map((event) => event.data.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.failed',
    ]);
    expect(failed.at(-1)?.data.response).toMatchObject({ error: { code: 'upstream_rate_limited' } });
  });

  it('renders refusals as message items with a refusal part, and skips other choices', () => {
    const refused = encode([
      { type: 'refusal-delta', block: 0, text: 'I cannot ' },
      { type: 'refusal-delta', block: 0, text: 'help.' },
      { type: 'text-delta', block: 0, text: 'ignored', choice: 1 },
      { type: 'finish', finish: { unified: 'stop' } },
    ]);
    expect(streamProblems(refused)).toEqual([]);
    expect(refused.at(-1)?.data.response).toMatchObject({
      output: [{ type: 'message', content: [{ type: 'refusal', refusal: 'I cannot help.' }] }],
    });
  });
});

describe('streamProblems (the checker the tests above rely on)', () => {
  const good = encode(replayResponse(sampleResponse));

  it('flags a missing item, a skipped sequence number and a late terminal event', () => {
    const withoutAdded = good.filter((event) => event.data.type !== 'response.output_item.added');
    expect(streamProblems(withoutAdded).join('\n')).toContain('was never added');
    const skipped = good.map((event, index) =>
      index === 3 ? { ...event, data: { ...event.data, sequence_number: 99 } } : event,
    );
    expect(streamProblems(skipped).join('\n')).toContain('sequence_number 99');
    const reordered = [...good.slice(0, -2), good.at(-1), good.at(-2)] as ParsedEvent[];
    expect(streamProblems(reordered).join('\n')).toContain('terminal event is not last');
  });
});
