import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CanonEvent, collectEvents } from '../../canon/index.js';
import { createSseParser } from '../../http/index.js';
import { createOpenAiChatStreamDecoder } from './decode-stream.js';

const provider = { id: 'openai', model: 'gpt-4o-mini' };
const toolStream = readFileSync(new URL('./__fixtures__/stream-tools.sse', import.meta.url), 'utf8');

function decodeText(text: string): CanonEvent[] {
  const parser = createSseParser();
  const decoder = createOpenAiChatStreamDecoder(provider);
  const events = parser.push(text).flatMap((event) => decoder.push(event));
  return [...events, ...decoder.end()];
}

function chunk(
  delta: Record<string, unknown>,
  finish: string | null = null,
  extra: Record<string, unknown> = {},
): string {
  return `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: finish, ...extra }] })}\n\n`;
}

describe('createOpenAiChatStreamDecoder', () => {
  it('decodes text then parallel tool calls into blocks, finish and usage', () => {
    const events = decodeText(toolStream);
    expect(events.map((event) => event.type)).toEqual([
      'response-start',
      'text-start',
      'text-delta',
      'text-end',
      'tool-call-start',
      'tool-call-delta',
      'tool-call-delta',
      'tool-call-start',
      'tool-call-delta',
      'tool-call-end',
      'tool-call-end',
      'finish',
      'usage',
    ]);
    const response = collectEvents(events, provider);
    expect(response.choices[0]?.message.content).toEqual([
      { type: 'text', text: 'Let me check.' },
      { type: 'tool-call', callId: 'call_a', toolName: 'get_weather', argumentsJson: '{"city":"Paris"}' },
      { type: 'tool-call', callId: 'call_b', toolName: 'get_time', argumentsJson: '{}' },
    ]);
    expect(response.choices[0]?.finish).toEqual({ unified: 'tool-calls', raw: 'tool_calls' });
    expect(response.usage).toMatchObject({
      input: { total: 50, cacheRead: 10 },
      output: { total: 20, reasoning: 0 },
    });
    expect(response.vendor).toEqual({ 'openai-chat': { system_fingerprint: 'fp_1' } });
  });

  it('decodes reasoning fields (reasoning_content and reasoning) before the answer', () => {
    const events = decodeText(
      chunk({ role: 'assistant', reasoning_content: 'Think ' }) +
        chunk({ reasoning: 'more.' }) +
        chunk({ content: 'Answer' }) +
        chunk({}, 'stop') +
        'data: [DONE]\n\n',
    );
    const response = collectEvents(events, provider);
    expect(response.choices[0]?.message.content).toEqual([
      { type: 'reasoning', text: 'Think more.' },
      { type: 'text', text: 'Answer' },
    ]);
  });

  it('a stream that stops before finishing ends with an upstream_protocol error', () => {
    const events = decodeText(chunk({ content: 'Half an ans' }));
    const last = events.at(-1);
    expect(last?.type).toBe('error');
    if (last?.type === 'error') expect(last.error.kind).toBe('upstream_protocol');
  });

  it('a finished stream without [DONE] is complete but warned about', () => {
    const events = decodeText(chunk({ content: 'Done' }) + chunk({}, 'stop'));
    expect(events.at(-1)).toMatchObject({ type: 'warning', warning: { code: 'upstream-missing-done' } });
    expect(collectEvents(events, provider).choices[0]?.finish.unified).toBe('stop');
  });

  it('a malformed chunk or an in-band error object is an error event, and nothing after it is decoded', () => {
    const malformed = decodeText(
      `${chunk({ content: 'a' })}data: {"choices": [\n\n${chunk({ content: 'b' })}`,
    );
    expect(malformed.at(-1)?.type).toBe('error');
    expect(malformed.filter((event) => event.type === 'text-delta')).toHaveLength(1);
    const inBand = decodeText(
      `${chunk({ content: 'a' })}data: {"error":{"message":"overloaded","type":"server_error"}}\n\n`,
    );
    const last = inBand.at(-1);
    expect(last?.type === 'error' && last.error.message).toContain('overloaded');
  });

  it('keeps choices apart for n > 1 and carries logprobs', () => {
    const text =
      `data: ${JSON.stringify({
        id: 'c',
        created: 1,
        model: 'm',
        choices: [
          { index: 0, delta: { content: 'A' }, logprobs: { content: [{ token: 'A', logprob: -0.1 }] } },
          { index: 1, delta: { content: 'B' } },
        ],
      })}\n\n` +
      `data: ${JSON.stringify({
        id: 'c',
        created: 1,
        model: 'm',
        choices: [
          { index: 0, delta: {}, finish_reason: 'stop' },
          { index: 1, delta: {}, finish_reason: 'length' },
        ],
      })}\n\n` +
      'data: [DONE]\n\n';
    const response = collectEvents(decodeText(text), provider);
    expect(
      response.choices.map((choice) => [choice.index, choice.message.content, choice.finish.unified]),
    ).toEqual([
      [0, [{ type: 'text', text: 'A' }], 'stop'],
      [1, [{ type: 'text', text: 'B' }], 'length'],
    ]);
    expect(response.choices[0]?.logprobs).toEqual({
      content: [{ token: 'A', logprob: -0.1 }],
      refusal: null,
    });
  });

  it('accepts whole tool-call arguments sent as an object (Ollama)', () => {
    const events = decodeText(
      chunk({
        tool_calls: [{ index: 0, id: 'x', type: 'function', function: { name: 'f', arguments: { a: 1 } } }],
      }) +
        chunk({}, 'tool_calls') +
        'data: [DONE]\n\n',
    );
    const response = collectEvents(events, provider);
    expect(response.choices[0]?.message.content).toEqual([
      { type: 'tool-call', callId: 'x', toolName: 'f', argumentsJson: '{"a":1}' },
    ]);
  });
});
