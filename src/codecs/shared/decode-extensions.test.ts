import { describe, expect, it } from 'vitest';
import type { CanonRequest } from '../../canon/index.js';
import { decodeAnthropicRequest } from '../anthropic-messages/decode-request.js';
import { decodeGeminiRequest } from '../gemini/decode-request.js';
import { decodeOpenAiChatRequest } from '../openai-chat/decode-request.js';
import { decodeOpenAiResponsesRequest } from '../openai-responses/decode-request.js';

const ext = {
  anthropic: { top_k: 5 },
  gemini: { generationConfig: { topK: 5 } },
  switchyard: { strict: true },
};

/** One minimal body per JSON ingress shape, each with the same `ext`. */
const decoders: Array<[string, (extra: Record<string, unknown>) => CanonRequest]> = [
  [
    'openai-chat',
    (extra) => decodeOpenAiChatRequest({ model: 'm', messages: [{ role: 'user', content: 'hi' }], ...extra }),
  ],
  ['openai-responses', (extra) => decodeOpenAiResponsesRequest({ model: 'm', input: 'hi', ...extra })],
  [
    'anthropic-messages',
    (extra) =>
      decodeAnthropicRequest({
        model: 'm',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'hi' }],
        ...extra,
      }),
  ],
  [
    'gemini',
    (extra) =>
      decodeGeminiRequest(
        { contents: [{ role: 'user', parts: [{ text: 'hi' }] }], ...extra },
        { model: 'm' },
      ),
  ],
];

describe.each(decoders)('ext in the %s shape', (_shape, decode) => {
  it('is carried on the request, not in the vendor fields, and ext.switchyard sets strict', () => {
    const request = decode({ ext });
    expect(request.ext).toEqual({ anthropic: { top_k: 5 }, gemini: { generationConfig: { topK: 5 } } });
    expect(request.strict).toBe(true);
    expect(JSON.stringify(request.vendor)).not.toContain('top_k');
  });

  it('leaves strict unset without ext.switchyard, and ignores empty entries', () => {
    const request = decode({ ext: { openai: {} } });
    expect(request.ext).toBeUndefined();
    expect(request.strict).toBeUndefined();
  });

  it('rejects malformed entries, naming them', () => {
    expect(() => decode({ ext: [] })).toThrow(
      expect.objectContaining({ status: 400, details: { param: 'ext' } }),
    );
    expect(() => decode({ ext: { anthropic: 5 } })).toThrow(
      expect.objectContaining({ details: { param: 'ext.anthropic' } }),
    );
    expect(() => decode({ ext: { switchyard: { strict: 'yes' } } })).toThrow(
      expect.objectContaining({ details: { param: 'ext.switchyard.strict' } }),
    );
    expect(() => decode({ ext: { switchyard: { lenient: true } } })).toThrow(
      expect.objectContaining({ details: { param: 'ext.switchyard.lenient' } }),
    );
  });
});

describe('routing hints in the Anthropic Messages shape', () => {
  it('decodes models, max_price and sort like the OpenAI shapes, and keeps them out of vendor', () => {
    const request = decodeAnthropicRequest({
      model: 'm',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'hi' }],
      models: ['b', 'c'],
      max_price: { prompt: 1, completion: 4 },
      sort: 'price',
    });
    expect(request.routing).toEqual({ models: ['b', 'c'], maxPrice: { input: 1, output: 4 }, sort: 'price' });
    expect(request.vendor).toEqual({});
  });

  it('rejects a bad sort, naming it', () => {
    expect(() =>
      decodeAnthropicRequest({
        model: 'm',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'hi' }],
        sort: 'x',
      }),
    ).toThrow(expect.objectContaining({ details: { param: 'sort' } }));
  });
});
