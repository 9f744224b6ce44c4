import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CanonRequest } from '../../canon/index.js';
import { decodeOpenAiChatRequest } from './decode-request.js';
import { encodeOpenAiChatRequest } from './encode-request.js';

const fixture = JSON.parse(
  readFileSync(new URL('./__fixtures__/full-request.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

describe('encodeOpenAiChatRequest', () => {
  it("an OpenAI → OpenAI hop is lossless: the re-encoded body equals the caller's, but for the model and usage", () => {
    const { body, warnings } = encodeOpenAiChatRequest(decodeOpenAiChatRequest(fixture), 'upstream-model');
    expect(warnings).toEqual([]);
    const expected = structuredClone(fixture);
    expected.model = 'upstream-model';
    // Single text parts travel as plain strings (equivalent for every OpenAI-compatible server).
    const messages = expected.messages as Array<Record<string, unknown>>;
    (messages[5] as Record<string, unknown>).content = 'noon';
    delete (messages[6] as Record<string, unknown>).refusal;
    expect(body).toEqual(expected);
  });

  it('always asks the upstream for stream usage, and never sends stream_options without stream', () => {
    const streaming = decodeOpenAiChatRequest({
      model: 'm',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
    });
    expect(encodeOpenAiChatRequest(streaming, 'm').body.stream_options).toEqual({ include_usage: true });
    const plain = decodeOpenAiChatRequest({
      model: 'm',
      messages: [{ role: 'user', content: 'x' }],
      stream_options: { include_usage: true },
    });
    expect(encodeOpenAiChatRequest(plain, 'm').body).not.toHaveProperty('stream_options');
    expect(
      encodeOpenAiChatRequest(streaming, 'm', { maxTokensField: 'max_tokens', streamUsage: false }).body,
    ).not.toHaveProperty('stream_options');
  });

  it('uses the output-limit field the upstream wants', () => {
    const request = decodeOpenAiChatRequest({
      model: 'm',
      messages: [{ role: 'user', content: 'x' }],
      max_completion_tokens: 5,
    });
    expect(
      encodeOpenAiChatRequest(request, 'm', { maxTokensField: 'max_tokens', streamUsage: true }).body,
    ).toMatchObject({ max_tokens: 5 });
    expect(encodeOpenAiChatRequest(request, 'm').body).toMatchObject({ max_completion_tokens: 5 });
  });

  it('encodes canonical requests from other shapes: tool results, base64 media, required tool choice; warns on what it cannot carry', () => {
    const request: CanonRequest = {
      model: 'alias',
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'file',
              source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0=' },
              filename: 'a.pdf',
            },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'thinking' },
            { type: 'text', text: 'Calling.' },
            { type: 'tool-call', callId: 't1', toolName: 'f', argumentsJson: '{}' },
          ],
        },
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              callId: 't1',
              content: [
                { type: 'text', text: 'a' },
                { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AA==' } },
              ],
            },
          ],
        },
      ],
      sampling: { topK: 5 },
      toolChoice: 'required',
      output: { type: 'json' },
      stream: false,
      streamUsage: false,
      vendor: {},
    };
    const { body, warnings } = encodeOpenAiChatRequest(request, 'm');
    expect(body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0=', filename: 'a.pdf' } },
        ],
      },
      {
        role: 'assistant',
        content: 'Calling.',
        tool_calls: [{ id: 't1', type: 'function', function: { name: 'f', arguments: '{}' } }],
      },
      {
        role: 'tool',
        tool_call_id: 't1',
        content: [
          { type: 'text', text: 'a' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AA==' } },
        ],
      },
    ]);
    expect(body.tool_choice).toBe('required');
    expect(body.response_format).toEqual({ type: 'json_object' });
    expect(warnings).toEqual([expect.objectContaining({ code: 'unsupported-parameter', field: 'top_k' })]);
  });
});
