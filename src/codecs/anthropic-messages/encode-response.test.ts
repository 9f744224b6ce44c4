import { describe, expect, it } from 'vitest';
import { type CanonResponse, GatewayError } from '../../canon/index.js';
import { encodeAnthropicResponse } from './encode-response.js';
import { encodeAnthropicError } from './map-error.js';
import { encodeAnthropicStopReason } from './map-finish-reason.js';
import { readAnthropicCredential } from './read-credential.js';
import { testProvider } from './test-helpers.js';

const response: CanonResponse = {
  id: 'chatcmpl-9',
  model: 'gpt-4o-mini',
  createdAt: 1700000000,
  choices: [
    {
      index: 0,
      message: {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'unsigned thoughts' },
          { type: 'text', text: 'Checking.' },
          { type: 'refusal', text: 'Not that part.' },
          { type: 'tool-call', callId: 'call_1', toolName: 'get_weather', argumentsJson: '{"city":"Oslo"}' },
          { type: 'tool-call', callId: 'call_2', toolName: 'cut', argumentsJson: '{"a":' },
        ],
      },
      finish: { unified: 'tool-calls', raw: 'tool_calls' },
    },
    { index: 1, message: { role: 'assistant', content: [] }, finish: { unified: 'stop' } },
  ],
  usage: { input: { total: 30, cacheRead: 4, cacheWrite: 6 }, output: { total: 12, reasoning: 2 } },
  warnings: [],
  provider: testProvider,
  vendor: { 'openai-chat': { system_fingerprint: 'fp' } },
};

describe('encodeAnthropicResponse', () => {
  it('renders an Anthropic message: msg_ id, content blocks, stop reason, usage without cache in input_tokens', () => {
    expect(encodeAnthropicResponse(response)).toEqual({
      id: 'msg_chatcmpl-9',
      type: 'message',
      role: 'assistant',
      model: 'gpt-4o-mini',
      content: [
        { type: 'thinking', thinking: 'unsigned thoughts', signature: '' },
        { type: 'text', text: 'Checking.' },
        { type: 'text', text: 'Not that part.' },
        { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Oslo' } },
        { type: 'tool_use', id: 'call_2', name: 'cut', input: {} },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: {
        input_tokens: 20,
        cache_creation_input_tokens: 6,
        cache_read_input_tokens: 4,
        output_tokens: 12,
        output_tokens_details: { thinking_tokens: 2 },
      },
    });
  });

  it('restores Anthropic response fields, renders redacted thinking, and adds the summary when given', () => {
    const body = encodeAnthropicResponse(
      {
        ...response,
        id: 'msg_1',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: [{ type: 'reasoning', text: '', redactedData: 'xyz' }] },
            finish: { unified: 'stop', raw: 'stop_sequence' },
          },
        ],
        vendor: { 'anthropic-messages': { stop_sequence: 'END' } },
      },
      {
        summary: { requestId: 'r1', candidates: ['a/b'], attempts: 1, fallbackUsed: false, costUsd: '0.001' },
      },
    );
    expect(body).toMatchObject({
      id: 'msg_1',
      content: [{ type: 'redacted_thinking', data: 'xyz' }],
      stop_reason: 'stop_sequence',
      stop_sequence: 'END',
      switchyard: { request_id: 'r1', cost_usd: '0.001', attempts: 1 },
    });
  });

  it('gives zero usage when none is known', () => {
    const { usage: _usage, ...withoutUsage } = response;
    expect(encodeAnthropicResponse(withoutUsage).usage).toEqual({
      input_tokens: 0,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: 0,
    });
  });
});

describe('encodeAnthropicStopReason', () => {
  it.each([
    [{ unified: 'stop', raw: 'stop' }, 'end_turn'],
    [{ unified: 'stop', raw: 'STOP' }, 'end_turn'],
    [{ unified: 'stop', raw: 'pause_turn' }, 'pause_turn'],
    [{ unified: 'length', raw: 'length' }, 'max_tokens'],
    [{ unified: 'length', raw: 'model_context_window_exceeded' }, 'model_context_window_exceeded'],
    [{ unified: 'tool-calls' }, 'tool_use'],
    [{ unified: 'content-filter', raw: 'SAFETY' }, 'refusal'],
    [{ unified: 'error' }, 'end_turn'],
    [{ unified: 'other' }, 'end_turn'],
  ] as const)('%o → %s', (finish, expected) => {
    expect(encodeAnthropicStopReason(finish)).toBe(expected);
  });
});

describe('encodeAnthropicError', () => {
  it.each([
    ['invalid_request', 400, 'invalid_request_error'],
    ['unauthenticated', 401, 'authentication_error'],
    ['forbidden', 403, 'permission_error'],
    ['model_not_found', 404, 'not_found_error'],
    ['payload_too_large', 413, 'request_too_large'],
    ['rate_limited', 429, 'rate_limit_error'],
    ['budget_exceeded', 402, 'billing_error'],
    ['upstream_overloaded', 503, 'overloaded_error'],
    ['upstream_timeout', 504, 'timeout_error'],
    ['all_targets_failed', 502, 'api_error'],
  ] as const)('%s → %i %s', (kind, status, type) => {
    expect(encodeAnthropicError(new GatewayError(kind, 'what happened'))).toEqual({
      status,
      body: { type: 'error', error: { type, message: 'what happened' } },
    });
  });
});

describe('readAnthropicCredential', () => {
  const head = (headers: Record<string, string | string[]>) => ({ headers, query: new URLSearchParams() });

  it('accepts x-api-key (0.x SDK, ai-sdk) and Authorization: Bearer (1.x SDK), whatever anthropic-version', () => {
    expect(readAnthropicCredential(head({ 'x-api-key': 'sy_a', 'anthropic-version': '2023-06-01' }))).toBe(
      'sy_a',
    );
    expect(
      readAnthropicCredential(head({ authorization: 'Bearer sy_b', 'anthropic-version': '2026-10-21' })),
    ).toBe('sy_b');
    expect(readAnthropicCredential(head({ 'x-api-key': ['sy_c', 'sy_d'] }))).toBe('sy_c');
    expect(readAnthropicCredential(head({ 'x-api-key': 'sy_e', authorization: 'Bearer sy_f' }))).toBe('sy_e');
  });

  it('finds nothing in an empty or malformed header', () => {
    expect(readAnthropicCredential(head({}))).toBeUndefined();
    expect(readAnthropicCredential(head({ authorization: 'Basic abc' }))).toBeUndefined();
    expect(readAnthropicCredential(head({ 'x-api-key': '  ' }))).toBeUndefined();
  });
});
