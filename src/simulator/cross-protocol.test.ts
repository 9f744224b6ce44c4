import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseModel } from './faults.js';
import { startSimulator } from './index.js';
import { chatBody, sdkClient } from './test-helpers.js';
import type { Simulator } from './types.js';
import {
  accumulateMessage,
  anthropicEvents,
  firstCandidate,
  geminiEvents,
  partsOf,
  post,
} from './wire-test-helpers.js';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
});
afterAll(() => simulator.close());
beforeEach(() => simulator.reset());

const user = (text: string) => ({ role: 'user', content: text });

describe('one model, three protocols', () => {
  it('parses thinking-N as a shaping directive', () => {
    expect(parseModel('x+thinking-32+429')).toMatchObject({ thinking: 32, faultName: '429' });
  });

  it('thinking-N counts as reasoning on OpenAI, output on Anthropic and thoughts on Gemini', async () => {
    const openai = await sdkClient(simulator).chat.completions.create(chatBody('demo+thinking-20'));
    expect(openai.usage).toMatchObject({
      completion_tokens: 44,
      completion_tokens_details: { reasoning_tokens: 20 },
    });
    const anthropic = await post(simulator, '/v1/messages', {
      model: 'demo+thinking-20',
      max_tokens: 100,
      messages: [user('Hello there')],
    });
    expect(anthropic.json).toMatchObject({ usage: { output_tokens: 44 } });
    const gemini = await post(simulator, '/v1beta/models/demo+thinking-20:generateContent', {
      contents: [{ role: 'user', parts: [{ text: 'Hello there' }] }],
    });
    expect(gemini.json).toMatchObject({
      usageMetadata: { candidatesTokenCount: 24, thoughtsTokenCount: 20 },
    });
    expect(openai.choices[0]?.message.content).toBe(partsOf(firstCandidate(gemini.json))[0]?.text);
  });

  it('thinking counts against max_tokens: a small limit leaves a cut thinking block and no text', async () => {
    const response = await post(simulator, '/v1/messages', {
      model: 'demo+thinking-20',
      max_tokens: 8,
      messages: [user('Hello there')],
    });
    expect(response.json).toMatchObject({
      content: [{ type: 'thinking' }],
      stop_reason: 'max_tokens',
      usage: { output_tokens: 8 },
    });
  });

  it('rescues a cut Anthropic stream with a prefill that joins into the uninterrupted answer', async () => {
    const body = { model: 'demo+cut-6', max_tokens: 100, stream: true, messages: [user('Tell me')] };
    const cut = await post(simulator, '/v1/messages', body);
    const partial = accumulateMessage(anthropicEvents(cut.text).events, false);
    expect(partial.content).toEqual([]);
    const received = anthropicEvents(cut.text)
      .events.filter((event) => event.event === 'content_block_delta')
      .map((event) => (event.data.delta as { text: string }).text)
      .join('');
    const rescued = await post(simulator, '/v1/messages', {
      model: 'demo',
      max_tokens: 100,
      stream: true,
      messages: [user('Tell me'), { role: 'assistant', content: received }],
    });
    const rest = accumulateMessage(anthropicEvents(rescued.text).events).content[0]?.text;
    const whole = await post(simulator, '/v1/messages', { ...body, model: 'demo', stream: false });
    expect(`${received}${String(rest)}`).toBe(
      (whole.json as { content: { text: string }[] }).content[0]?.text,
    );
  });

  it('continues a trailing Gemini model turn the same way', async () => {
    const contents = [{ role: 'user', parts: [{ text: 'Tell me' }] }];
    const whole = await post(simulator, '/v1beta/models/demo:generateContent', { contents });
    const text = String(partsOf(firstCandidate(whole.json))[0]?.text);
    const prefix = text.slice(0, 25);
    const continued = await post(simulator, '/v1beta/models/demo:streamGenerateContent?alt=sse', {
      contents: [...contents, { role: 'model', parts: [{ text: prefix }] }],
    });
    const pieces = geminiEvents(continued.text).events.flatMap((event) => partsOf(firstCandidate(event)));
    expect(`${prefix}${pieces.map((part) => part.text).join('')}`).toBe(text);
  });

  it('records the protocol of every request', async () => {
    await post(simulator, '/v1/chat/completions', chatBody('demo'));
    await post(simulator, '/v1/messages', { model: 'demo', max_tokens: 5, messages: [user('x')] });
    await post(simulator, '/v1beta/models/demo:countTokens', { contents: [{ parts: [{ text: 'x' }] }] });
    await post(simulator, '/v1beta/nothing', {});
    expect(simulator.records().map((record) => [record.protocol, record.status])).toEqual([
      ['openai', 200],
      ['anthropic', 200],
      ['gemini', 200],
      ['gemini', 404],
    ]);
  });
});
