import { describe, expect, it } from 'vitest';
import { decodeGeminiRequest } from '../gemini/decode-request.js';
import { decodeOpenAiResponsesRequest } from '../openai-responses/decode-request.js';
import { assignResponseId } from '../openai-responses/ids.js';
import { decodeOpenAiChatRequest } from './decode-request.js';
import { encodeOpenAiChatRequest } from './encode-request.js';

describe('encodeOpenAiChatRequest: ext and fields of other shapes', () => {
  it('merges ext.openai last and reports every other family entry', () => {
    const request = decodeOpenAiChatRequest({
      model: 'm',
      messages: [{ role: 'user', content: 'x' }],
      temperature: 0.2,
      ext: { openai: { temperature: 0.9, logit_bias: { '1': 2 } }, anthropic: { top_k: 5 } },
    });
    const { body, warnings } = encodeOpenAiChatRequest(request, 'up');
    expect(body).toMatchObject({ temperature: 0.9, logit_bias: { '1': 2 } });
    expect(body).not.toHaveProperty('ext');
    expect(body).not.toHaveProperty('top_k');
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'unsupported-parameter', field: 'ext.anthropic.top_k' }),
    ]);
  });

  it("carries a Responses caller's Chat-equivalent fields and warns about the rest, not about gateway state", () => {
    const request = assignResponseId(
      decodeOpenAiResponsesRequest({
        model: 'm',
        instructions: 'Be brief.',
        input: 'x',
        store: true,
        service_tier: 'flex',
        prompt_cache_key: 'k',
        truncation: 'auto',
        text: { verbosity: 'low' },
      }),
    );
    const { body, warnings } = encodeOpenAiChatRequest(request, 'up');
    expect(body).toMatchObject({ service_tier: 'flex', prompt_cache_key: 'k' });
    expect(body.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'x' },
    ]);
    expect(warnings.map((warning) => warning.field).sort()).toEqual(['text', 'truncation']);
  });

  it("does not report a Gemini caller's $-prefixed bookkeeping", () => {
    const request = decodeGeminiRequest(
      {
        contents: [{ role: 'user', parts: [{ text: 'x' }] }],
        tools: [{ functionDeclarations: [{ name: 'f', behavior: 'NON_BLOCKING' }] }],
        cachedContent: 'cachedContents/1',
      },
      { model: 'm' },
    );
    const { warnings } = encodeOpenAiChatRequest(request, 'up');
    expect(warnings.map((warning) => warning.field)).toEqual(['cachedContent']);
  });
});
