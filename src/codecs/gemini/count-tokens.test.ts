import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../canon/index.js';
import { decodeGeminiCountTokensRequest, encodeGeminiCountTokensResponse } from './count-tokens.js';

const contents = [
  { role: 'user', parts: [{ text: 'Count me.' }] },
  { role: 'model', parts: [{ functionCall: { name: 'f', args: {} } }] },
];

describe('countTokens helpers', () => {
  it('decodes the plain {contents} form with the model from the URL', () => {
    const request = decodeGeminiCountTokensRequest({ contents }, { model: 'gemini-2.5-flash' });
    expect(request.model).toBe('gemini-2.5-flash');
    expect(request.stream).toBe(false);
    expect(request.messages.map((message) => message.role)).toEqual(['user', 'assistant']);
  });

  it('decodes the generateContentRequest form like a generateContent body', () => {
    const request = decodeGeminiCountTokensRequest({
      generateContentRequest: {
        model: 'models/gemini-2.5-pro',
        contents,
        systemInstruction: { parts: [{ text: 'Be brief.' }] },
        tools: [{ functionDeclarations: [{ name: 'f' }] }],
      },
    });
    expect(request.model).toBe('gemini-2.5-pro');
    expect(request.messages[0]).toEqual({ role: 'system', content: [{ type: 'text', text: 'Be brief.' }] });
    expect(request.tools).toEqual([{ name: 'f' }]);
  });

  it('names nested fields in its 400s', () => {
    const attempt = () =>
      decodeGeminiCountTokensRequest(
        { generateContentRequest: { contents: [{ parts: [{ text: 1 }] }] } },
        { model: 'm' },
      );
    expect(attempt).toThrow(GatewayError);
    try {
      attempt();
    } catch (error) {
      expect(error instanceof GatewayError && error.details.param).toBe(
        'generateContentRequest.contents[0].parts[0].text',
      );
    }
    expect(() => decodeGeminiCountTokensRequest({ contents })).toThrow(/model/);
  });

  it('encodes {totalTokens}, with cached tokens only when there are some', () => {
    expect(encodeGeminiCountTokensResponse(42)).toEqual({ totalTokens: 42 });
    expect(encodeGeminiCountTokensResponse(42, 0)).toEqual({ totalTokens: 42 });
    expect(encodeGeminiCountTokensResponse(42, 30)).toEqual({ totalTokens: 42, cachedContentTokenCount: 30 });
  });
});
