import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../canon/index.js';
import { decodeGeminiResponse } from './decode-response.js';

const provider = { id: 'google', model: 'gemini-2.5-flash' };

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));
}

describe('decodeGeminiResponse', () => {
  it('decodes thoughts, text and a signed function call; STOP with a call is tool-calls', () => {
    const response = decodeGeminiResponse(fixture('thinking-response.json'), provider);
    expect(response.id).toBe('resp-Xk29aB');
    expect(response.model).toBe('gemini-2.5-flash');
    expect(response.choices).toEqual([
      {
        index: 0,
        message: {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'The user wants the weather; call the tool.' },
            { type: 'text', text: 'Let me check.' },
            { type: 'reasoning', text: '', signature: 'c2lnLWNhbGw=' },
            {
              type: 'tool-call',
              callId: 'call_respXk29aB0_get_weather',
              toolName: 'get_weather',
              argumentsJson: '{"city":"Paris"}',
            },
          ],
        },
        finish: { unified: 'tool-calls', raw: 'STOP' },
      },
    ]);
    expect(response.vendor).toEqual({
      gemini: {
        $candidates: {
          '0': { safetyRatings: [{ category: 'HARM_CATEGORY_HARASSMENT', probability: 'NEGLIGIBLE' }] },
        },
      },
    });
  });

  it('reads usage: prompt includes cache, output is candidates plus thoughts', () => {
    const usage = decodeGeminiResponse(fixture('thinking-response.json'), provider).usage;
    expect(usage).toMatchObject({
      input: { total: 120, cacheRead: 100 },
      output: { total: 65, reasoning: 40 },
    });
    const withToolUse = decodeGeminiResponse(
      {
        candidates: [{ content: { parts: [{ text: 'x' }] }, finishReason: 'STOP' }],
        usageMetadata: {
          promptTokenCount: 10,
          toolUsePromptTokenCount: 5,
          candidatesTokenCount: 2,
          totalTokenCount: 17,
        },
      },
      provider,
    ).usage;
    expect(withToolUse).toMatchObject({ input: { total: 15 }, output: { total: 2 } });
  });

  it('turns a blocked prompt into a content-filter finish with empty content, not an empty success', () => {
    const response = decodeGeminiResponse(fixture('blocked-prompt.json'), provider);
    expect(response.choices).toEqual([
      {
        index: 0,
        message: { role: 'assistant', content: [] },
        finish: { unified: 'content-filter', raw: 'PROHIBITED_CONTENT' },
      },
    ]);
    expect(response.vendor.gemini?.promptFeedback).toMatchObject({ blockReason: 'PROHIBITED_CONTENT' });
    expect(response.usage?.input.total).toBe(9);
  });

  it('maps finish reasons and keeps candidates apart', () => {
    const response = decodeGeminiResponse(
      {
        candidates: [
          { content: { parts: [{ text: 'a' }] }, finishReason: 'MAX_TOKENS', index: 0 },
          { content: { parts: [{ text: 'b' }] }, finishReason: 'RECITATION', index: 1 },
          { finishReason: 'SAFETY', index: 2 },
          { content: { parts: [] }, finishReason: 'MALFORMED_FUNCTION_CALL', index: 3 },
          { content: { parts: [{ text: 'e' }] }, index: 4 },
        ],
      },
      provider,
    );
    expect(response.choices.map((choice) => [choice.index, choice.finish])).toEqual([
      [0, { unified: 'length', raw: 'MAX_TOKENS' }],
      [1, { unified: 'content-filter', raw: 'RECITATION' }],
      [2, { unified: 'content-filter', raw: 'SAFETY' }],
      [3, { unified: 'other', raw: 'MALFORMED_FUNCTION_CALL' }],
      [4, { unified: 'other' }],
    ]);
    expect(response.id).toBe('');
  });

  it('converts logprobs to the hub shape, keeps wire call ids, and warns about parts it cannot carry', () => {
    const response = decodeGeminiResponse(
      {
        candidates: [
          {
            content: {
              parts: [
                { text: 'Hi' },
                { inlineData: { mimeType: 'image/png', data: 'AA==' } },
                { functionCall: { id: 'fc-1', name: 'f' } },
                { text: '', thoughtSignature: 'end-sig' },
              ],
            },
            finishReason: 'STOP',
            logprobsResult: {
              topCandidates: [
                {
                  candidates: [
                    { token: 'Hi', logProbability: -0.1 },
                    { token: 'Yo', logProbability: -2 },
                  ],
                },
              ],
              chosenCandidates: [{ token: 'Hi', logProbability: -0.1 }],
            },
          },
        ],
      },
      provider,
    );
    const choice = response.choices[0];
    expect(choice?.message.content).toEqual([
      { type: 'text', text: 'Hi' },
      { type: 'tool-call', callId: 'fc-1', toolName: 'f', argumentsJson: '{}' },
      { type: 'reasoning', text: '', signature: 'end-sig' },
    ]);
    expect(choice?.logprobs).toEqual({
      content: [
        {
          token: 'Hi',
          logprob: -0.1,
          bytes: null,
          top_logprobs: [
            { token: 'Hi', logprob: -0.1, bytes: null },
            { token: 'Yo', logprob: -2, bytes: null },
          ],
        },
      ],
      refusal: null,
    });
    expect(response.warnings).toEqual([
      expect.objectContaining({ code: 'unsupported-output', field: 'inlineData' }),
    ]);
  });

  it('gives answers of different responses different made-up call ids', () => {
    const answer = (responseId: string) =>
      decodeGeminiResponse(
        {
          responseId,
          candidates: [{ content: { parts: [{ functionCall: { name: 'f' } }] }, finishReason: 'STOP' }],
        },
        provider,
      ).choices[0]?.message.content[0];
    const first = answer('aaa');
    const second = answer('bbb');
    expect(
      first?.type === 'tool-call' && second?.type === 'tool-call' && first.callId !== second.callId,
    ).toBe(true);
  });

  it('throws upstream_protocol for a body without candidates or block reason, and decodes an error body', () => {
    expect(() => decodeGeminiResponse({ modelVersion: 'x' }, provider)).toThrow(/no candidates/);
    expect(() => decodeGeminiResponse('nope', provider)).toThrow(GatewayError);
    try {
      decodeGeminiResponse({ error: { code: 503, message: 'overloaded', status: 'UNAVAILABLE' } }, provider);
    } catch (error) {
      expect(error instanceof GatewayError && error.kind).toBe('upstream_overloaded');
    }
  });
});
