import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CanonEvent, collectEvents } from '../../canon/index.js';
import { createSseParser } from '../../http/index.js';
import { createOpenAiResponsesStreamDecoder } from './decode-stream.js';
import { provider } from './test-helpers.js';

const recorded = readFileSync(
  new URL('./__fixtures__/stream-reasoning-text-tools.sse', import.meta.url),
  'utf8',
);

function decodeText(text: string): CanonEvent[] {
  const decoder = createOpenAiResponsesStreamDecoder(provider);
  return [
    ...createSseParser()
      .push(text)
      .flatMap((event) => decoder.push(event)),
    ...decoder.end(),
  ];
}

function sse(type: string, fields: Record<string, unknown> = {}): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...fields })}\n\n`;
}

const created = sse('response.created', {
  response: { id: 'resp_1', model: 'm', created_at: 5, output: [] },
});
const textAdded =
  sse('response.output_item.added', {
    output_index: 0,
    item: { type: 'message', id: 'msg_1', content: [] },
  }) +
  sse('response.content_part.added', {
    output_index: 0,
    content_index: 0,
    part: { type: 'output_text', text: '' },
  });

describe('createOpenAiResponsesStreamDecoder', () => {
  it('decodes a recorded stream: reasoning summary, text, function call, finish and usage', () => {
    const events = decodeText(recorded);
    expect(events.map((event) => event.type)).toEqual([
      'response-start',
      'reasoning-start',
      'reasoning-delta',
      'reasoning-delta',
      'reasoning-end',
      'text-start',
      'text-delta',
      'text-delta',
      'text-end',
      'tool-call-start',
      'tool-call-delta',
      'tool-call-delta',
      'tool-call-end',
      'finish',
      'usage',
    ]);
    const response = collectEvents(events, provider);
    expect(response).toMatchObject({ id: 'resp_up1', model: 'gpt-5-mini-2025-08-07', createdAt: 1741476542 });
    expect(response.choices[0]?.message.content).toEqual([
      { type: 'reasoning', text: 'Need the weather.' },
      { type: 'text', text: 'Let me check.' },
      { type: 'tool-call', callId: 'call_up', toolName: 'get_weather', argumentsJson: '{"city":"Paris"}' },
    ]);
    expect(response.choices[0]?.finish).toEqual({ unified: 'tool-calls', raw: 'completed' });
    expect(response.usage).toMatchObject({
      input: { total: 50, cacheRead: 10 },
      output: { total: 20, reasoning: 8 },
    });
    expect(response.vendor).toEqual({ 'openai-responses': { service_tier: 'auto' } });
  });

  it('decodes the recorded stream the same however the bytes are split', () => {
    const whole = decodeText(recorded);
    for (const size of [1, 7, 64]) {
      const decoder = createOpenAiResponsesStreamDecoder(provider);
      const parser = createSseParser();
      const events: CanonEvent[] = [];
      for (let start = 0; start < recorded.length; start += size) {
        for (const event of parser.push(recorded.slice(start, start + size)))
          events.push(...decoder.push(event));
      }
      events.push(...decoder.end());
      expect(events).toEqual(whole);
    }
  });

  it('an incomplete Response finishes with length or content-filter', () => {
    const cut = decodeText(
      `${created}${textAdded}${sse('response.output_text.delta', { output_index: 0, content_index: 0, delta: 'Hal' })}` +
        sse('response.incomplete', {
          response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } },
        }),
    );
    expect(cut.filter((event) => event.type === 'text-end')).toHaveLength(1);
    expect(cut.at(-1)).toEqual({ type: 'finish', finish: { unified: 'length', raw: 'max_output_tokens' } });
    const filtered = decodeText(
      `${created}${sse('response.incomplete', { response: { status: 'incomplete', incomplete_details: { reason: 'content_filter' } } })}`,
    );
    expect(filtered.at(-1)).toMatchObject({ finish: { unified: 'content-filter' } });
  });

  it('a stream cut before a terminal event ends in an upstream_protocol error', () => {
    const events = decodeText(`${created}${textAdded}`);
    const last = events.at(-1);
    expect(last?.type).toBe('error');
    if (last?.type === 'error') expect(last.error.kind).toBe('upstream_protocol');
  });

  it('response.failed and error events become classified errors, and nothing after them is decoded', () => {
    const failed = decodeText(
      `${created}${sse('response.failed', { response: { status: 'failed', error: { code: 'rate_limit_exceeded', message: 'slow down' } } })}` +
        textAdded,
    );
    expect(failed.at(-1)?.type).toBe('error');
    const last = failed.at(-1);
    if (last?.type === 'error') expect(last.error.kind).toBe('upstream_rate_limited');
    const errored = decodeText(`${created}${sse('error', { code: 'server_error', message: 'boom' })}`);
    const error = errored.at(-1);
    expect(error?.type === 'error' && error.error.message).toContain('boom');
    if (error?.type === 'error') expect(error.error.kind).toBe('upstream_unavailable');
  });

  it('a malformed event is an error', () => {
    const events = decodeText(`${created}data: {"type": \n\n`);
    expect(events.at(-1)?.type).toBe('error');
  });

  it('recovers reasoning, text and arguments a server sent only in .done events', () => {
    const events = decodeText(
      created +
        sse('response.output_item.done', {
          output_index: 2,
          item: { type: 'reasoning', id: 'rs_9', summary: [{ type: 'summary_text', text: 'Thought.' }] },
        }) +
        textAdded +
        sse('response.output_text.done', { output_index: 0, content_index: 0, text: 'Whole answer' }) +
        sse('response.output_item.done', { output_index: 0, item: { type: 'message', content: [] } }) +
        sse('response.output_item.done', {
          output_index: 1,
          item: { type: 'function_call', call_id: 'c9', name: 'f', arguments: '{"a":1}' },
        }) +
        sse('response.completed', { response: { status: 'completed' } }),
    );
    const response = collectEvents(events, provider);
    expect(response.choices[0]?.message.content).toEqual([
      { type: 'reasoning', text: 'Thought.' },
      { type: 'text', text: 'Whole answer' },
      { type: 'tool-call', callId: 'c9', toolName: 'f', argumentsJson: '{"a":1}' },
    ]);
    expect(response.choices[0]?.finish.unified).toBe('tool-calls');
  });

  it('joins several summary parts and reads reasoning_text deltas; ignores [DONE] and hosted-tool events', () => {
    const events = decodeText(
      created +
        sse('response.output_item.added', { output_index: 0, item: { type: 'reasoning', summary: [] } }) +
        sse('response.reasoning_summary_text.delta', { output_index: 0, summary_index: 0, delta: 'One.' }) +
        sse('response.reasoning_summary_text.delta', { output_index: 0, summary_index: 1, delta: 'Two.' }) +
        sse('response.web_search_call.searching', { output_index: 1 }) +
        sse('response.reasoning_text.delta', { output_index: 2, content_index: 0, delta: 'Raw.' }) +
        sse('response.completed', { response: { status: 'completed' } }) +
        'data: [DONE]\n\n',
    );
    const response = collectEvents(events, provider);
    expect(response.choices[0]?.message.content).toEqual([
      { type: 'reasoning', text: 'One.\n\nTwo.' },
      { type: 'reasoning', text: 'Raw.' },
    ]);
  });
});
