import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../canon/index.js';
import { decodeOpenAiResponsesResponse } from './decode-response.js';
import { decodeOpenAiResponsesError } from './map-error.js';
import { provider } from './test-helpers.js';

const recorded = JSON.parse(
  readFileSync(new URL('./__fixtures__/response.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

function thrown(body: unknown): GatewayError {
  try {
    decodeOpenAiResponsesResponse(body, provider);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

describe('decodeOpenAiResponsesResponse', () => {
  it('reads output items into parts, keeping item ids and encrypted reasoning for a Responses caller', () => {
    const response = decodeOpenAiResponsesResponse(recorded, provider);
    expect(response).toMatchObject({ id: 'resp_up1', model: 'gpt-5-mini-2025-08-07', createdAt: 1741476542 });
    expect(response.choices).toHaveLength(1);
    expect(response.choices[0]?.message).toEqual({
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'Need the weather.' },
        { type: 'text', text: 'Let me check.' },
        { type: 'tool-call', callId: 'call_up', toolName: 'get_weather', argumentsJson: '{"city":"Paris"}' },
      ],
      vendor: {
        'openai-responses': {
          items: {
            '0': { id: 'rs_up', encrypted_content: 'gAAAA-x' },
            '1': { id: 'msg_up', status: 'completed' },
            '2': { id: 'fc_up', status: 'completed' },
          },
        },
      },
    });
    expect(response.choices[0]?.finish).toEqual({ unified: 'tool-calls', raw: 'completed' });
    expect(response.usage).toMatchObject({
      input: { total: 50, cacheRead: 10 },
      output: { total: 20, reasoning: 8 },
    });
    expect(response.vendor).toEqual({ 'openai-responses': { service_tier: 'auto' } });
  });

  it('maps incomplete to length / content-filter and a plain completion to stop', () => {
    const text = [{ type: 'message', content: [{ type: 'output_text', text: 'Hi' }] }];
    const length = decodeOpenAiResponsesResponse(
      { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, output: text },
      provider,
    );
    expect(length.choices[0]?.finish.unified).toBe('length');
    const filtered = decodeOpenAiResponsesResponse(
      { status: 'incomplete', incomplete_details: { reason: 'content_filter' }, output: [] },
      provider,
    );
    expect(filtered.choices[0]?.finish.unified).toBe('content-filter');
    expect(
      decodeOpenAiResponsesResponse({ status: 'completed', output: text }, provider).choices[0]?.finish,
    ).toEqual({
      unified: 'stop',
      raw: 'completed',
    });
  });

  it('reports hosted-tool output items as warnings instead of dropping them silently', () => {
    const response = decodeOpenAiResponsesResponse(
      { status: 'completed', output: [{ type: 'web_search_call', id: 'ws_1', status: 'completed' }] },
      provider,
    );
    expect(response.warnings).toEqual([expect.objectContaining({ code: 'unsupported-content' })]);
  });

  it('a failed Response is the upstream error; an unfinished or shapeless one a protocol error', () => {
    const failed = thrown({ status: 'failed', output: [], error: { code: 'server_error', message: 'oops' } });
    expect(failed.kind).toBe('upstream_unavailable');
    expect(failed.message).toContain('oops');
    expect(thrown({ status: 'in_progress', output: [] }).kind).toBe('upstream_protocol');
    expect(thrown({ object: 'chat.completion', choices: [] }).kind).toBe('upstream_protocol');
  });

  it('decodes HTTP error envelopes like the chat codec (same OpenAI envelope)', () => {
    const error = decodeOpenAiResponsesError(
      400,
      JSON.stringify({
        error: {
          message: 'Previous response not found',
          type: 'invalid_request_error',
          code: 'previous_response_not_found',
        },
      }),
      {},
      provider,
    );
    expect(error.kind).toBe('upstream_bad_request');
    const limited = decodeOpenAiResponsesError(
      429,
      '{"error":{"message":"slow"}}',
      { 'retry-after': '2' },
      provider,
    );
    expect(limited).toMatchObject({ kind: 'upstream_rate_limited', details: { retryAfterMs: 2000 } });
  });
});
