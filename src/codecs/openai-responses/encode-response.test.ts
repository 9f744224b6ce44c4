import { describe, expect, it } from 'vitest';
import type { CanonResponse, GatewaySummary } from '../../canon/index.js';
import { encodeOpenAiResponsesResponse } from './encode-response.js';
import { provider, sampleRequest, sampleResponse } from './test-helpers.js';

const summary: GatewaySummary = {
  requestId: 'req_1',
  model: 'openai/gpt-5-mini',
  provider: 'openai',
  routeReason: 'alias',
  candidates: ['openai/gpt-5-mini'],
  attempts: 1,
  fallbackUsed: false,
  costUsd: '0.000120',
};

function withFinish(finish: CanonResponse['choices'][number]['finish']): CanonResponse {
  const choice = sampleResponse.choices[0] as CanonResponse['choices'][number];
  return { ...sampleResponse, choices: [{ ...choice, finish }] };
}

describe('encodeOpenAiResponsesResponse', () => {
  const request = sampleRequest({
    instructions: 'Be brief.',
    tools: [{ type: 'function', name: 'get_weather', parameters: { type: 'object' } }],
    temperature: 0.5,
    metadata: { team: 'a' },
    previous_response_id: 'resp_before',
  });
  const body = encodeOpenAiResponsesResponse(sampleResponse, request, { summary });

  it('renders a completed Response with reasoning, message and function_call items in order', () => {
    expect(body).toMatchObject({
      id: 'resp_fixed',
      object: 'response',
      created_at: 1700000000,
      status: 'completed',
      error: null,
      incomplete_details: null,
      model: 'gpt-5-mini',
    });
    expect(body.output).toEqual([
      {
        id: 'rs_fixed_0',
        type: 'reasoning',
        summary: [{ type: 'summary_text', text: 'The user wants the weather.' }],
      },
      {
        id: 'msg_fixed_1',
        type: 'message',
        status: 'completed',
        role: 'assistant',
        content: [{ type: 'output_text', text: 'Checking the weather.', annotations: [], logprobs: [] }],
      },
      {
        id: 'fc_fixed_2',
        type: 'function_call',
        status: 'completed',
        call_id: 'call_1',
        name: 'get_weather',
        arguments: '{"city":"Oslo"}',
      },
    ]);
  });

  it('reports usage in Responses field names, with input + output = total', () => {
    expect(body.usage).toEqual({
      input_tokens: 30,
      input_tokens_details: { cached_tokens: 4 },
      output_tokens: 12,
      output_tokens_details: { reasoning_tokens: 2 },
      total_tokens: 42,
    });
  });

  it('echoes the request settings the SDK expects, and adds the switchyard summary', () => {
    expect(body).toMatchObject({
      instructions: 'Be brief.',
      previous_response_id: 'resp_before',
      tools: [{ type: 'function', name: 'get_weather', parameters: { type: 'object' }, strict: null }],
      tool_choice: 'auto',
      parallel_tool_calls: true,
      temperature: 0.5,
      top_p: null,
      text: { format: { type: 'text' } },
      metadata: { team: 'a' },
      store: true,
      max_output_tokens: null,
      truncation: 'disabled',
    });
    expect(body.switchyard).toMatchObject({ request_id: 'req_1', cost_usd: '0.000120', attempts: 1 });
    expect(typeof body.completed_at).toBe('number');
  });

  it('maps a length cut and a filter to incomplete with the reason', () => {
    const length = encodeOpenAiResponsesResponse(withFinish({ unified: 'length' }), request);
    expect(length).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
    });
    const filtered = encodeOpenAiResponsesResponse(withFinish({ unified: 'content-filter' }), request);
    expect(filtered).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'content_filter' },
    });
    expect(filtered.switchyard).toBeUndefined();
  });

  it("restores a Responses upstream's own item ids and encrypted reasoning", () => {
    const choice = sampleResponse.choices[0] as CanonResponse['choices'][number];
    const upstream: CanonResponse = {
      ...sampleResponse,
      choices: [
        {
          ...choice,
          message: {
            ...choice.message,
            vendor: { 'openai-responses': { items: { '0': { id: 'rs_up', encrypted_content: 'enc' } } } },
          },
        },
      ],
      vendor: { 'openai-responses': { service_tier: 'flex' } },
    };
    const encoded = encodeOpenAiResponsesResponse(upstream, request);
    expect((encoded.output as unknown[])[0]).toEqual({
      id: 'rs_up',
      type: 'reasoning',
      encrypted_content: 'enc',
      summary: [{ type: 'summary_text', text: 'The user wants the weather.' }],
    });
    expect(encoded.service_tier).toBe('flex');
  });

  it('uses a fresh resp_ id when none was assigned, and an empty output for an empty answer', () => {
    const { vendor: _vendor, ...unassigned } = sampleRequest();
    const empty: CanonResponse = { ...sampleResponse, choices: [], usage: undefined, provider };
    const encoded = encodeOpenAiResponsesResponse(empty, { ...unassigned, vendor: {} });
    expect(encoded.id).toMatch(/^resp_[0-9a-f]{32}$/);
    expect(encoded.output).toEqual([]);
    expect(encoded.usage).toBeNull();
  });
});
