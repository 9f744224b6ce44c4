import { describe, expect, it } from 'vitest';
import { type CanonRequest, GatewayError } from '../../canon/index.js';
import { decodeOpenAiCompletionsRequest } from './decode-request.js';
import { createOpenAiCompletionsStreamEncoder } from './encode-stream.js';

function errorOf(run: () => unknown): GatewayError {
  try {
    run();
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

describe('legacy completions → chat', () => {
  it('turns the prompt into one user message and keeps the sampling fields', () => {
    const request = decodeOpenAiCompletionsRequest({
      model: 'm',
      prompt: ['Once upon a time'],
      max_tokens: 20,
      temperature: 0.3,
      stop: ['\n'],
      stream: true,
    });
    expect(request.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'Once upon a time' }] },
    ]);
    expect(request.sampling).toMatchObject({ maxOutputTokens: 20, temperature: 0.3, stopSequences: ['\n'] });
    expect(request.stream).toBe(true);
  });

  it('refuses what a chat model cannot honour, naming the field', () => {
    expect(errorOf(() => decodeOpenAiCompletionsRequest({ model: 'm' })).details.param).toBe('prompt');
    expect(
      errorOf(() => decodeOpenAiCompletionsRequest({ model: 'm', prompt: ['a', 'b'] })).details.param,
    ).toBe('prompt');
    expect(errorOf(() => decodeOpenAiCompletionsRequest({ model: 'm', prompt: [1, 2] })).details.param).toBe(
      'prompt',
    );
    expect(
      errorOf(() => decodeOpenAiCompletionsRequest({ model: 'm', prompt: 'a', echo: true })).details.param,
    ).toBe('echo');
    expect(
      errorOf(() => decodeOpenAiCompletionsRequest({ model: 'm', prompt: 'a', suffix: 'z' })).details.param,
    ).toBe('suffix');
    expect(
      errorOf(() => decodeOpenAiCompletionsRequest({ model: 'm', prompt: 'a', logprobs: 2 })).details.param,
    ).toBe('logprobs');
  });
});

describe('text_completion stream encoder', () => {
  it('rewrites chat chunks: text deltas, finish, usage, [DONE]; no role-only chunk', () => {
    const request = {
      ...decodeOpenAiCompletionsRequest({ model: 'm', prompt: 'p', stream: true }),
      streamUsage: true,
    } as CanonRequest;
    const encoder = createOpenAiCompletionsStreamEncoder(request);
    const frames = [
      ...encoder.push({ type: 'response-start', id: 'abc', model: 'm', createdAt: 1 }),
      ...encoder.push({ type: 'text-start', block: 0 }),
      ...encoder.push({ type: 'text-delta', block: 0, text: 'Hel' }),
      ...encoder.push({ type: 'text-delta', block: 0, text: 'lo' }),
      ...encoder.push({ type: 'finish', finish: { unified: 'stop' } }),
      ...encoder.push({ type: 'usage', usage: { input: { total: 3 }, output: { total: 2 } } }),
      ...encoder.end(),
    ].map((frame) => ('data' in frame ? frame.data : ''));
    expect(frames.at(-1)).toBe('[DONE]');
    const chunks = frames.slice(0, -1).map((data) => JSON.parse(data) as Record<string, unknown>);
    expect(chunks.every((chunk) => chunk.object === 'text_completion' && chunk.id === 'cmpl-abc')).toBe(true);
    expect(chunks.map((chunk) => (chunk.choices as Array<{ text: string }>)[0]?.text ?? null)).toEqual([
      'Hel',
      'lo',
      '',
      null,
    ]);
    expect(chunks[2]?.choices).toEqual([{ text: '', index: 0, logprobs: null, finish_reason: 'stop' }]);
    expect(chunks[3]?.usage).toMatchObject({ prompt_tokens: 3, completion_tokens: 2 });
  });

  it('passes an error frame through and ends without [DONE]', () => {
    const encoder = createOpenAiCompletionsStreamEncoder(
      decodeOpenAiCompletionsRequest({ model: 'm', prompt: 'p', stream: true }),
    );
    const frames = [
      ...encoder.push({ type: 'error', error: new GatewayError('upstream_protocol', 'cut') }),
      ...encoder.end(),
    ];
    expect(frames).toHaveLength(1);
    expect(JSON.parse((frames[0] as { data: string }).data)).toMatchObject({ error: { message: 'cut' } });
  });
});
