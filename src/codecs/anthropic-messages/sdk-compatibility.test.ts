import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { type CanonRequest, collectEvents, GatewayError, replayResponse } from '../../canon/index.js';
import { decodeAnthropicRequest } from './decode-request.js';
import { decodeAnthropicResponse } from './decode-response.js';
import { encodeAnthropicResponse } from './encode-response.js';
import { encodeAnthropicError } from './map-error.js';
import { readAnthropicCredential } from './read-credential.js';
import { decodeSseText, encodeSseText, readFixture, readJsonFixture, testProvider } from './test-helpers.js';

/**
 * The official SDK (1.13, `anthropic-version: 2026-10-21`) as the caller, with an in-process fetch that
 * plays the gateway: it reads the credential, decodes the body with this codec and answers with what the
 * codec encodes. No sockets, so it stays fast; the SDK's own parsers and stream accumulator do the checking.
 */
function sdkAgainst(
  answer: (request: CanonRequest) => Response,
  seen: Array<{ credential?: string; body: unknown }>,
) {
  const fetch = async (_url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const body: unknown = JSON.parse(String(init?.body));
    seen.push({ credential: readAnthropicCredential({ headers, query: new URLSearchParams() }), body });
    try {
      return answer(decodeAnthropicRequest(body));
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      const encoded = encodeAnthropicError(error);
      return new Response(JSON.stringify(encoded.body), {
        status: encoded.status,
        headers: { 'content-type': 'application/json' },
      });
    }
  };
  return fetch;
}

const sse = (text: string) => new Response(text, { headers: { 'content-type': 'text/event-stream' } });
const json = (body: unknown) =>
  new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });

describe('the official Anthropic SDK against this codec', () => {
  it('streams: messages.stream().finalMessage() accumulates what the encoder wrote (Bearer credential)', async () => {
    const seen: Array<{ credential?: string; body: unknown }> = [];
    const upstream = decodeSseText(readFixture('stream-tool-use.sse'));
    const client = new Anthropic({
      authToken: 'sy_key_secret',
      apiKey: null,
      baseURL: 'http://gateway.test',
      maxRetries: 0,
      fetch: sdkAgainst((request) => sse(encodeSseText(upstream, request)), seen),
    });
    const message = await client.messages
      .stream({
        model: 'claude-x',
        max_tokens: 256,
        messages: [{ role: 'user', content: 'Weather in Paris?' }],
      })
      .finalMessage();
    expect(seen[0]?.credential).toBe('sy_key_secret');
    expect(message.content).toEqual([
      expect.objectContaining({ type: 'text', text: 'Let me check.' }),
      expect.objectContaining({
        type: 'tool_use',
        id: 'toolu_01A',
        name: 'get_weather',
        input: { city: 'Paris', unit: 'c' },
      }),
      expect.objectContaining({ type: 'tool_use', id: 'toolu_01B', name: 'get_time', input: {} }),
    ]);
    expect(message.stop_reason).toBe('tool_use');
    expect(message.usage).toMatchObject({ input_tokens: 472, output_tokens: 89 });
  });

  it('streams thinking with its signature intact', async () => {
    const upstream = decodeSseText(readFixture('stream-thinking.sse'));
    const client = new Anthropic({
      apiKey: 'sy_key_secret',
      baseURL: 'http://gateway.test',
      maxRetries: 0,
      fetch: sdkAgainst((request) => sse(encodeSseText(upstream, request)), []),
    });
    const message = await client.messages
      .stream({
        model: 'claude-x',
        max_tokens: 2048,
        thinking: { type: 'enabled', budget_tokens: 1024 },
        messages: [{ role: 'user', content: '27*453?' }],
      })
      .finalMessage();
    expect(message.content).toEqual([
      expect.objectContaining({
        type: 'thinking',
        thinking: 'Let me analyze this step by step.',
        signature: 'EqQBCkgIARABGAIiQL2x',
      }),
      expect.objectContaining({ type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3p' }),
      expect.objectContaining({ type: 'text', text: '27 * 453 = 12,231.' }),
    ]);
  });

  it('a mid-stream error surfaces as an SDK APIError with the Anthropic error type', async () => {
    const upstream = decodeSseText(readFixture('stream-error.sse'));
    const client = new Anthropic({
      apiKey: 'k',
      baseURL: 'http://gateway.test',
      maxRetries: 0,
      fetch: sdkAgainst((request) => sse(encodeSseText(upstream, request)), []),
    });
    const stream = client.messages.stream({
      model: 'm',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'x' }],
    });
    await expect(stream.finalMessage()).rejects.toMatchObject({
      error: { type: 'error', error: { type: 'overloaded_error' } },
    });
  });

  it('non-streaming: create() reads the encoded message (x-api-key credential)', async () => {
    const seen: Array<{ credential?: string; body: unknown }> = [];
    const response = decodeAnthropicResponse(readJsonFixture('response-thinking.json'), testProvider);
    const client = new Anthropic({
      apiKey: 'sy_key_secret',
      baseURL: 'http://gateway.test',
      maxRetries: 0,
      fetch: sdkAgainst(() => json(encodeAnthropicResponse(response)), seen),
    });
    const message = await client.messages.create({
      model: 'm',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(seen[0]?.credential).toBe('sy_key_secret');
    expect(message.stop_sequence).toBe('END');
    expect(message.content.map((block) => block.type)).toEqual(['thinking', 'redacted_thinking', 'text']);
  });

  it('a replayed cached answer streams validly too', async () => {
    const cached = collectEvents(decodeSseText(readFixture('stream-text.sse')), testProvider);
    const client = new Anthropic({
      apiKey: 'k',
      baseURL: 'http://gateway.test',
      maxRetries: 0,
      fetch: sdkAgainst((request) => sse(encodeSseText(replayResponse(cached), request)), []),
    });
    const message = await client.messages
      .stream({ model: 'm', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] })
      .finalMessage();
    expect(message.content).toEqual([
      expect.objectContaining({ type: 'text', text: 'Hello! How can I help?' }),
    ]);
  });

  it('a request error becomes the SDK’s BadRequestError naming the field', async () => {
    const client = new Anthropic({
      apiKey: 'k',
      baseURL: 'http://gateway.test',
      maxRetries: 0,
      fetch: sdkAgainst(() => json({}), []),
    });
    const failing = client.messages.create({
      model: 'm',
      max_tokens: 10,
      messages: [
        {
          role: 'user',
          content: [{ type: 'text', text: 'x' }, { type: 'bogus' } as unknown as Anthropic.TextBlockParam],
        },
      ],
    });
    await expect(failing).rejects.toBeInstanceOf(Anthropic.BadRequestError);
    await expect(failing).rejects.toMatchObject({
      status: 400,
      error: {
        error: {
          type: 'invalid_request_error',
          message: expect.stringContaining('messages[0].content[1].type'),
        },
      },
    });
  });
});
