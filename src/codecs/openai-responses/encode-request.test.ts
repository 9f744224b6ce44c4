import { describe, expect, it } from 'vitest';
import type { CanonRequest } from '../../canon/index.js';
import { decodeOpenAiResponsesRequest } from './decode-request.js';
import { encodeOpenAiResponsesRequest } from './encode-request.js';
import { assignResponseId } from './ids.js';

/** A conversation as another shape (OpenAI Chat, Anthropic) would have decoded it. */
const foreign: CanonRequest = {
  model: 'alias',
  messages: [
    { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Weather?' },
        { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAAA' } },
      ],
    },
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'thinking', signature: 'anthropic-sig' },
        { type: 'text', text: 'Checking.' },
        { type: 'tool-call', callId: 'toolu_1', toolName: 'get_weather', argumentsJson: '' },
      ],
    },
    {
      role: 'tool',
      content: [
        { type: 'tool-result', callId: 'toolu_1', content: [{ type: 'text', text: '21C' }], isError: true },
      ],
    },
  ],
  sampling: {
    maxOutputTokens: 100,
    temperature: 0.3,
    topK: 5,
    stopSequences: ['END'],
    seed: 7,
    presencePenalty: 0.1,
    frequencyPenalty: 0.2,
  },
  tools: [{ name: 'get_weather', inputSchema: { type: 'object' } }],
  toolChoice: 'required',
  output: { type: 'json' },
  reasoning: { effort: 'high', budgetTokens: 2048 },
  choiceCount: 2,
  logprobs: { enabled: true, top: 2 },
  stream: true,
  streamUsage: false,
  endUser: 'u1',
  metadata: { team: 'x' },
  ext: { openai: { service_tier: 'priority' }, anthropic: { top_k: 3 } },
  vendor: { 'openai-chat': { prompt_cache_key: 'k', logit_bias: { '1': 2 } } },
};

describe('encodeOpenAiResponsesRequest', () => {
  const { body, warnings } = encodeOpenAiResponsesRequest(foreign, 'gpt-5');

  it('sends the conversation as input items keyed by call_id, statelessly', () => {
    expect(body.model).toBe('gpt-5');
    expect(body.instructions).toBeUndefined();
    expect(body.input).toEqual([
      { type: 'message', role: 'system', content: 'Be brief.' },
      {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_text', text: 'Weather?' },
          { type: 'input_image', detail: 'auto', image_url: 'data:image/png;base64,AAAA' },
        ],
      },
      { type: 'message', role: 'assistant', content: 'Checking.' },
      { type: 'function_call', call_id: 'toolu_1', name: 'get_weather', arguments: '{}' },
      { type: 'function_call_output', call_id: 'toolu_1', output: '21C' },
    ]);
    expect(body.store).toBe(false);
    expect(body.previous_response_id).toBeUndefined();
  });

  it('maps tools, choice, format, sampling, reasoning, attribution and streaming', () => {
    expect(body).toMatchObject({
      tools: [{ type: 'function', name: 'get_weather', parameters: { type: 'object' } }],
      tool_choice: 'required',
      text: { format: { type: 'json_object' } },
      max_output_tokens: 100,
      temperature: 0.3,
      reasoning: { effort: 'high' },
      user: 'u1',
      metadata: { team: 'x' },
      stream: true,
      prompt_cache_key: 'k',
      service_tier: 'priority',
    });
    expect(body.stream_options).toBeUndefined();
  });

  it('warns once per thing the Responses API cannot carry', () => {
    expect(warnings.map((warning) => warning.field).sort()).toEqual(
      [
        'ext.anthropic.top_k',
        'frequency_penalty',
        'is_error',
        'logit_bias',
        'logprobs',
        'n',
        'presence_penalty',
        'reasoning',
        'reasoning.budget_tokens',
        'seed',
        'stop',
        'top_k',
      ].sort(),
    );
  });

  it("restores a Responses caller's own fields, instructions and item ids, and never forwards gateway state", () => {
    const request = assignResponseId(
      decodeOpenAiResponsesRequest({
        model: 'm',
        instructions: 'Be brief.',
        previous_response_id: 'resp_gateway',
        store: true,
        stream: true,
        stream_options: { include_obfuscation: false },
        include: ['reasoning.encrypted_content'],
        truncation: 'auto',
        input: [
          { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'enc' },
          { type: 'function_call_output', call_id: 'call_earlier', output: 'ok' },
        ],
      }),
    );
    const encoded = encodeOpenAiResponsesRequest(request, 'gpt-5').body;
    expect(encoded).toEqual({
      model: 'gpt-5',
      instructions: 'Be brief.',
      input: [
        { type: 'reasoning', id: 'rs_1', encrypted_content: 'enc', summary: [] },
        { type: 'function_call_output', call_id: 'call_earlier', output: 'ok' },
      ],
      include: ['reasoning.encrypted_content'],
      truncation: 'auto',
      store: true,
      stream: true,
      stream_options: { include_obfuscation: false },
    });
  });

  it('sends instructions as items when a system message was put before them', () => {
    const request = decodeOpenAiResponsesRequest({ model: 'm', instructions: 'Rules.', input: 'Hi' });
    const guarded = {
      ...request,
      messages: [
        { role: 'system' as const, content: [{ type: 'text' as const, text: 'Guardrail.' }] },
        ...request.messages,
      ],
    };
    const encoded = encodeOpenAiResponsesRequest(guarded, 'gpt-5').body;
    expect(encoded.instructions).toBeUndefined();
    expect(encoded.input).toEqual([
      { type: 'message', role: 'system', content: 'Guardrail.' },
      { type: 'message', role: 'system', content: 'Rules.' },
      { type: 'message', role: 'user', content: 'Hi' },
    ]);
  });
});
