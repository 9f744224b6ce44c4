import { describe, expect, it } from 'vitest';
import type { CanonRequest } from '../../canon/index.js';
import { listForeignFields } from './foreign-fields.js';

function request(extra: Partial<CanonRequest>): CanonRequest {
  return {
    model: 'm',
    messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    sampling: {},
    stream: false,
    streamUsage: false,
    vendor: {},
    ...extra,
  };
}

const fieldsOf = (input: CanonRequest, shape: Parameters<typeof listForeignFields>[1]) =>
  listForeignFields(input, shape, new Set([shape === 'gemini' ? 'gemini' : 'openai'])).map(
    (found) => found.field,
  );

describe('listForeignFields', () => {
  it("lists other shapes' fields and other families' ext entries, never the egress's own", () => {
    const input = request({
      vendor: { 'openai-chat': { logit_bias: {} }, gemini: { labels: { a: 'b' } } },
      ext: { openai: { x: 1 }, anthropic: { top_k: 5 } },
    });
    expect(fieldsOf(input, 'openai-chat')).toEqual(['labels', 'ext.anthropic.top_k']);
    expect(fieldsOf(input, 'gemini')).toEqual(['logit_bias', 'ext.openai.x', 'ext.anthropic.top_k']);
  });

  it("skips Gemini's $-prefixed bookkeeping keys, request-level and per message", () => {
    const input = request({
      vendor: { gemini: { $functionDeclarations: { f: { behavior: 'BLOCKING' } }, cachedContent: 'c' } },
      messages: [
        {
          role: 'assistant',
          content: [{ type: 'text', text: 'x' }],
          vendor: { gemini: { $partExtras: { '0': { thoughtSignature: 's' } } } },
        },
      ],
    });
    expect(fieldsOf(input, 'openai-chat')).toEqual(['cachedContent']);
  });

  it('skips the Responses fields the gateway itself handles, but reports the rest', () => {
    const input = request({
      vendor: {
        'openai-responses': {
          instructions: 'i',
          previous_response_id: 'resp_1',
          store: true,
          response_id: 'resp_2',
          history_item_ids: [],
          truncation: 'auto',
          text: { verbosity: 'low' },
        },
      },
    });
    expect(fieldsOf(input, 'openai-chat')).toEqual(['truncation', 'text']);
  });

  it('looks into per-part containers: Responses item ids are identity, other item keys are fields', () => {
    const input = request({
      messages: [
        {
          role: 'assistant',
          content: [{ type: 'reasoning', text: '' }],
          vendor: {
            'openai-responses': {
              items: { '0': { id: 'rs_1', status: 'completed', encrypted_content: 'e' } },
            },
          },
        },
        {
          role: 'user',
          content: [{ type: 'text', text: 'x' }],
          vendor: {
            'anthropic-messages': { content_extras: { '0': { cache_control: { type: 'ephemeral' } } } },
          },
        },
      ],
    });
    expect(fieldsOf(input, 'gemini')).toEqual(['messages[0].encrypted_content', 'messages[1].cache_control']);
  });
});
