import { describe, expect, it } from 'vitest';
import type { CanonRequest } from '../../canon/index.js';
import { encodeGeminiRequest } from './encode-request.js';

function withStops(stopSequences: string[]): CanonRequest {
  return {
    model: 'm',
    messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    sampling: { stopSequences },
    stream: false,
    streamUsage: false,
    vendor: {},
  };
}

describe('encodeGeminiRequest: stop sequences', () => {
  it('sends up to five as generationConfig.stopSequences, without a warning', () => {
    const { body, warnings } = encodeGeminiRequest(withStops(['a', 'b', 'c', 'd', 'e']), 'gemini-2.5-flash');
    expect(body.generationConfig).toEqual({ stopSequences: ['a', 'b', 'c', 'd', 'e'] });
    expect(warnings).toEqual([]);
  });

  it('keeps the first five of more, and says so', () => {
    const { body, warnings } = encodeGeminiRequest(
      withStops(['1', '2', '3', '4', '5', '6']),
      'gemini-2.5-flash',
    );
    expect(body.generationConfig).toEqual({ stopSequences: ['1', '2', '3', '4', '5'] });
    expect(warnings).toEqual([expect.objectContaining({ code: 'parameter-changed', field: 'stop' })]);
  });
});
