import { describe, expect, it } from 'vitest';
import { chatRequest } from '../adapter-test-kit.js';
import { bedrockToolUseId, encodeConverseRequest } from './converse-encode.js';

describe('encodeConverseRequest', () => {
  it('rewrites foreign tool-call ids identically in the call and its result', () => {
    const { input } = encodeConverseRequest(
      chatRequest({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'q' }] },
          {
            role: 'assistant',
            content: [{ type: 'tool-call', callId: 'call:abc/1', toolName: 'f', argumentsJson: 'not json' }],
          },
          {
            role: 'tool',
            content: [
              {
                type: 'tool-result',
                callId: 'call:abc/1',
                content: [{ type: 'text', text: 'boom' }],
                isError: true,
              },
            ],
          },
        ],
      }),
      'm',
    );
    expect(input.messages?.[1]?.content?.[0]).toEqual({
      toolUse: { toolUseId: 'call_abc_1', name: 'f', input: {} },
    });
    expect(input.messages?.[2]?.content?.[0]).toEqual({
      toolResult: { toolUseId: 'call_abc_1', content: [{ text: 'boom' }], status: 'error' },
    });
    expect(bedrockToolUseId('x'.repeat(80))).toHaveLength(64);
  });

  it('reports what Converse cannot take instead of dropping it silently', () => {
    const { input, warnings } = encodeConverseRequest(
      chatRequest({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { kind: 'url', url: 'https://example.com/cat.png' } },
              { type: 'text', text: 'what is it?' },
            ],
          },
        ],
        tools: [{ name: 'f' }],
        toolChoice: 'none',
        sampling: { topK: 40, seed: 7 },
        output: { type: 'json' },
        ext: { anthropic: { top_k: 3 } },
      }),
      'm',
    );
    expect(input.messages).toEqual([{ role: 'user', content: [{ text: 'what is it?' }] }]);
    expect(input.toolConfig).toBeUndefined();
    expect(input.additionalModelRequestFields).toEqual({ top_k: 40 });
    expect(warnings.map((warning) => warning.field)).toEqual([
      'image',
      'tool_choice',
      'seed',
      'response_format',
      'ext.anthropic.top_k',
    ]);
  });
});
