import { describe, expect, it } from 'vitest';
import { type CanonResponse, GatewayError } from '../../canon/index.js';
import { decodeOpenAiResponsesRequest } from './decode-request.js';
import { encodeOpenAiResponsesRequest } from './encode-request.js';
import {
  buildStoredResponse,
  expandWithHistory,
  rememberResponse,
  resolvePreviousResponse,
} from './expand-history.js';
import { assignResponseId } from './ids.js';
import { encodeOpenAiResponsesError } from './map-error.js';
import { InMemoryResponseHistory, type StoredResponse } from './response-history.js';
import { provider } from './test-helpers.js';

function answer(content: CanonResponse['choices'][number]['message']['content']): CanonResponse {
  return {
    id: 'up',
    model: 'm',
    createdAt: 1,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish: { unified: 'stop' } }],
    warnings: [],
    provider,
    vendor: {},
  };
}

async function rejection(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (error instanceof GatewayError) return error;
  throw new Error('expected a GatewayError');
}

const stored: StoredResponse = {
  input: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
  output: { role: 'assistant', content: [{ type: 'text', text: 'Hello!' }] },
  itemIds: ['msg_a_0'],
  model: 'm',
  createdAt: 1,
};

describe('InMemoryResponseHistory', () => {
  it('hands out copies, so a caller cannot change a stored turn', async () => {
    const history = new InMemoryResponseHistory();
    await history.put('resp_1', stored);
    const first = await history.get('resp_1');
    first?.input.push({ role: 'user', content: [] });
    expect((await history.get('resp_1'))?.input).toHaveLength(1);
  });

  it('evicts the least recently used turn beyond maxEntries', async () => {
    const history = new InMemoryResponseHistory({ maxEntries: 2 });
    await history.put('a', stored);
    await history.put('b', stored);
    await history.get('a');
    await history.put('c', stored);
    expect(await history.get('b')).toBeUndefined();
    expect(await history.get('a')).toBeDefined();
    expect(history.size).toBe(2);
  });

  it('forgets turns after their time to live', async () => {
    let now = 0;
    const history = new InMemoryResponseHistory({ ttlMs: 1000, now: () => now });
    await history.put('a', stored);
    now = 999;
    expect(await history.get('a')).toBeDefined();
    now = 1000;
    expect(await history.get('a')).toBeUndefined();
    expect(history.size).toBe(0);
  });

  it('deletes a turn, reporting whether one was held', async () => {
    let now = 0;
    const history = new InMemoryResponseHistory({ ttlMs: 1000, now: () => now });
    await history.put('a', stored);
    await history.put('b', stored);
    expect(await history.delete('a')).toBe(true);
    expect(await history.get('a')).toBeUndefined();
    expect(await history.delete('a')).toBe(false);
    now = 1000;
    expect(await history.delete('b')).toBe(false);
    expect(history.size).toBe(0);
  });
});

describe('previous_response_id', () => {
  it('chains three turns: earlier input and answers come first, only the newest instructions', async () => {
    const history = new InMemoryResponseHistory();
    const first = assignResponseId(
      decodeOpenAiResponsesRequest({ model: 'm', instructions: 'Old rules.', input: 'Hi' }),
      'resp_t1',
    );
    const firstAnswer = answer([
      { type: 'text', text: 'Let me look.' },
      { type: 'tool-call', callId: 'call_1', toolName: 'get_weather', argumentsJson: '{}' },
    ]);
    expect(await rememberResponse(history, first, firstAnswer)).toBe('resp_t1');

    const secondBody = {
      model: 'm',
      instructions: 'New rules.',
      previous_response_id: 'resp_t1',
      input: [
        { type: 'item_reference', id: 'fc_t1_1' },
        { type: 'function_call_output', call_id: 'call_1', output: '21C' },
      ],
    };
    const second = assignResponseId(
      await resolvePreviousResponse(decodeOpenAiResponsesRequest(secondBody), history),
      'resp_t2',
    );
    expect(second.messages).toEqual([
      { role: 'system', content: [{ type: 'text', text: 'New rules.' }] },
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      firstAnswer.choices[0]?.message,
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            callId: 'call_1',
            toolName: 'get_weather',
            content: [{ type: 'text', text: '21C' }],
          },
        ],
      },
    ]);
    await rememberResponse(history, second, answer([{ type: 'text', text: 'It is 21C.' }]));

    const third = await resolvePreviousResponse(
      decodeOpenAiResponsesRequest({ model: 'm', previous_response_id: 'resp_t2', input: 'Thanks' }),
      history,
    );
    expect(third.messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
      'user',
    ]);
    expect(JSON.stringify(third.messages)).not.toContain('rules');
    expect((await history.get('resp_t2'))?.itemIds).toEqual(['msg_t1_0', 'fc_t1_1', 'msg_t2_0']);

    const upstream = encodeOpenAiResponsesRequest(second, 'gpt-5').body;
    expect(upstream.instructions).toBe('New rules.');
    expect(upstream).not.toHaveProperty('previous_response_id');
    expect(JSON.stringify(upstream)).not.toMatch(/history_item_ids|response_id|item_references/);
  });

  it('an unknown id is a 404 naming previous_response_id, in the OpenAI envelope', async () => {
    const request = decodeOpenAiResponsesRequest({
      model: 'm',
      previous_response_id: 'resp_gone',
      input: 'x',
    });
    const error = await rejection(resolvePreviousResponse(request, new InMemoryResponseHistory()));
    expect(error).toMatchObject({ kind: 'not_found', status: 404 });
    expect(encodeOpenAiResponsesError(error).body).toEqual({
      error: {
        message: "Previous response with id 'resp_gone' not found.",
        type: 'invalid_request_error',
        param: 'previous_response_id',
        code: 'previous_response_not_found',
      },
    });
  });

  it("another caller's turn is reported as not found", async () => {
    const history = new InMemoryResponseHistory();
    await history.put('resp_x', { ...stored, owner: 'key_a' });
    const request = decodeOpenAiResponsesRequest({ model: 'm', previous_response_id: 'resp_x', input: 'x' });
    expect((await rejection(resolvePreviousResponse(request, history, 'key_b'))).kind).toBe('not_found');
    expect((await resolvePreviousResponse(request, history, 'key_a')).messages).toHaveLength(3);
  });

  it('rejects references and tool outputs the stored conversation does not contain', () => {
    const reference = decodeOpenAiResponsesRequest({
      model: 'm',
      previous_response_id: 'resp_a',
      input: [{ type: 'item_reference', id: 'msg_other' }],
    });
    expect(() => expandWithHistory(reference, stored)).toThrow(
      expect.objectContaining({ kind: 'invalid_request', details: { param: 'input[0].id' } }),
    );
    const output = decodeOpenAiResponsesRequest({
      model: 'm',
      previous_response_id: 'resp_a',
      input: [{ type: 'function_call_output', call_id: 'call_never', output: 'x' }],
    });
    expect(() => expandWithHistory(output, stored)).toThrow(/call_never/);
  });

  it('keeps nothing when the caller set store: false, and needs an assigned id to store', async () => {
    const history = new InMemoryResponseHistory();
    const request = assignResponseId(decodeOpenAiResponsesRequest({ model: 'm', input: 'x', store: false }));
    expect(await rememberResponse(history, request, answer([]))).toBeUndefined();
    expect(history.size).toBe(0);
    const unassigned = decodeOpenAiResponsesRequest({ model: 'm', input: 'x' });
    expect(() => buildStoredResponse(unassigned, answer([]))).toThrow(
      expect.objectContaining({ kind: 'internal' }),
    );
  });
});
