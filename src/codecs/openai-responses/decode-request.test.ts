import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeOpenAiResponsesRequest } from './decode-request.js';

const fixture = JSON.parse(
  readFileSync(new URL('./__fixtures__/full-request.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

describe('decodeOpenAiResponsesRequest: every field and item type', () => {
  const request = decodeOpenAiResponsesRequest(fixture);

  it('puts instructions first, then system, developer and user messages with every input part', () => {
    expect(request.messages[0]).toEqual({
      role: 'system',
      content: [{ type: 'text', text: 'You are terse.' }],
    });
    expect(request.messages[1]).toEqual({
      role: 'system',
      developer: true,
      content: [{ type: 'text', text: 'Prefer metric units.' }],
    });
    expect(request.messages[2]?.content).toHaveLength(2);
    expect(request.messages[3]).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'What is in this picture, and what is the weather?' },
        { type: 'image', source: { kind: 'url', url: 'https://example.com/a.png' }, detail: 'high' },
        {
          type: 'image',
          source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' },
          detail: 'auto',
        },
        { type: 'image', source: { kind: 'file-id', fileId: 'file-img' }, detail: 'low' },
        { type: 'file', source: { kind: 'file-id', fileId: 'file-123' }, filename: 'notes.pdf' },
        {
          type: 'file',
          source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0=' },
          mediaType: 'application/pdf',
          filename: 'a.pdf',
        },
        { type: 'file', source: { kind: 'url', url: 'https://example.com/b.pdf' } },
      ],
    });
  });

  it('merges reasoning, assistant message and function calls into one assistant turn, item fields kept', () => {
    expect(request.messages[4]).toEqual({
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'The user wants the weather.' },
        { type: 'text', text: 'Let me check.' },
        { type: 'tool-call', callId: 'call_1', toolName: 'get_weather', argumentsJson: '{"city":"Paris"}' },
        { type: 'tool-call', callId: 'call_2', toolName: 'get_time', argumentsJson: '{}' },
      ],
      vendor: {
        'openai-responses': {
          items: {
            '0': { id: 'rs_1', encrypted_content: 'gAAAAB-opaque' },
            '1': { id: 'msg_1', status: 'completed' },
            '2': { id: 'fc_1', status: 'completed' },
          },
        },
      },
    });
  });

  it('groups function_call_output items into one tool turn keyed by call_id, naming the tool', () => {
    expect(request.messages[5]).toEqual({
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          callId: 'call_1',
          toolName: 'get_weather',
          content: [{ type: 'text', text: '{"temp":21}' }],
        },
        {
          type: 'tool-result',
          callId: 'call_2',
          toolName: 'get_time',
          content: [{ type: 'text', text: '12:00' }],
        },
      ],
    });
    expect(request.messages[6]).toEqual({
      role: 'user',
      content: [{ type: 'text', text: 'Thanks. Answer as JSON.' }],
    });
    expect(request.messages).toHaveLength(7);
  });

  it('maps tools, tool_choice, text.format, sampling, reasoning and attribution', () => {
    expect(request.tools).toEqual([
      {
        name: 'get_weather',
        description: 'Weather by city',
        inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        strict: true,
      },
      { name: 'get_time' },
    ]);
    expect(request.toolChoice).toEqual({ toolName: 'get_weather' });
    expect(request.parallelToolCalls).toBe(false);
    expect(request.output).toEqual({
      type: 'json',
      schemaName: 'weather',
      schemaDescription: 'A weather report',
      schema: { type: 'object', properties: { summary: { type: 'string' } } },
      strict: true,
    });
    expect(request.sampling).toEqual({ maxOutputTokens: 500, temperature: 0.2, topP: 0.9 });
    expect(request.reasoning).toEqual({ effort: 'low' });
    expect(request.metadata).toEqual({ team: 'search' });
    expect(request.endUser).toBe('user-42');
    expect(request.stream).toBe(true);
    expect(request.streamUsage).toBe(true);
  });

  it('keeps instructions, store, include, safety_identifier, sub-fields and unknown fields in vendor', () => {
    expect(request.vendor).toEqual({
      'openai-responses': {
        instructions: 'You are terse.',
        safety_identifier: 'hash-42',
        store: false,
        include: ['reasoning.encrypted_content'],
        truncation: 'auto',
        service_tier: 'flex',
        prompt_cache_key: 'weather-bot',
        text: { verbosity: 'low' },
        reasoning: { summary: 'auto' },
      },
    });
  });

  it('reads a string input as one user message and safety_identifier as the end user', () => {
    const minimal = decodeOpenAiResponsesRequest({ model: 'm', input: 'hi', safety_identifier: 'sid' });
    expect(minimal.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'hi' }] }]);
    expect(minimal.endUser).toBe('sid');
    expect(minimal.stream).toBe(false);
  });

  it('reads reasoning_text content when present and keeps the summary beside it', () => {
    const decoded = decodeOpenAiResponsesRequest({
      model: 'm',
      input: [
        { role: 'user', content: 'q' },
        {
          type: 'reasoning',
          id: 'rs_2',
          summary: [{ type: 'summary_text', text: 'short' }],
          content: [{ type: 'reasoning_text', text: 'long thought' }],
        },
      ],
    });
    expect(decoded.messages[1]).toEqual({
      role: 'assistant',
      content: [{ type: 'reasoning', text: 'long thought' }],
      vendor: {
        'openai-responses': {
          items: { '0': { id: 'rs_2', summary: [{ type: 'summary_text', text: 'short' }] } },
        },
      },
    });
  });

  it('with previous_response_id, accepts outputs for earlier calls and records item references', () => {
    const decoded = decodeOpenAiResponsesRequest({
      model: 'm',
      previous_response_id: 'resp_1',
      input: [
        { type: 'item_reference', id: 'msg_x' },
        { type: 'function_call_output', call_id: 'call_from_before', output: 'ok' },
      ],
    });
    expect(decoded.messages).toEqual([
      {
        role: 'tool',
        content: [
          { type: 'tool-result', callId: 'call_from_before', content: [{ type: 'text', text: 'ok' }] },
        ],
      },
    ]);
    expect(decoded.vendor['openai-responses']).toEqual({
      previous_response_id: 'resp_1',
      item_references: [{ param: 'input[0].id', id: 'msg_x' }],
    });
  });
});
