// Helpers shared by the simulator's own tests (not part of the public API).
import OpenAI from 'openai';
import type { ChatCompletion, ChatCompletionChunk } from 'openai/resources/chat/completions';
import { request } from 'undici';
import { z } from 'zod';
import type { JSONSchema } from 'zod/v4/core';
import type { Simulator } from './types.js';

/** An SDK client pointed at the simulator, without retries so every call is one request. */
export function sdkClient(simulator: Simulator, apiKey = 'sk-test-key-1234'): OpenAI {
  return new OpenAI({ apiKey, baseURL: `${simulator.url}/v1`, maxRetries: 0 });
}

/** A minimal chat body with one user message. */
export function chatBody(model: string, content = 'Hello there') {
  return { model, messages: [{ role: 'user' as const, content }] };
}

/** The body of a successful non-streaming answer, typed with the SDK's types. */
export function completionOf(json: unknown): ChatCompletion {
  return json as ChatCompletion;
}

/** POSTs JSON and returns status, headers and the parsed (or raw) body. */
export async function postJson(simulator: Simulator, path: string, body: unknown) {
  const response = await request(`${simulator.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test-key-1234' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.body.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.statusCode, headers: response.headers, text, json };
}

/** The `data:` payloads of an SSE text, in order (the `[DONE]` marker included as a string). */
export function dataLines(text: string): string[] {
  return text
    .split('\n\n')
    .filter((event) => event.startsWith('data: '))
    .map((event) => event.slice('data: '.length));
}

/** Streams a chat request and returns the raw SSE text (throws if the connection breaks). */
export async function streamText(
  simulator: Simulator,
  body: unknown,
): Promise<{ status: number; contentType: string; text: string }> {
  const response = await fetch(`${simulator.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text: await response.text(),
  };
}

/** Reads an SSE response until the server closes or breaks the connection; never throws. */
export async function streamUntilEnd(
  simulator: Simulator,
  body: unknown,
): Promise<{ text: string; error: unknown }> {
  let text = '';
  try {
    const response = await fetch(`${simulator.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const decoder = new TextDecoder();
    for await (const chunk of response.body ?? []) text += decoder.decode(chunk, { stream: true });
    return { text, error: undefined };
  } catch (error) {
    return { text, error };
  }
}

/** Parsed chunk objects of an SSE text (the `[DONE]` marker and unparsable lines skipped). */
export function chunks(text: string): ChatCompletionChunk[] {
  const parsed: ChatCompletionChunk[] = [];
  for (const line of dataLines(text)) {
    try {
      parsed.push(JSON.parse(line) as ChatCompletionChunk);
    } catch {
      // Malformed lines are checked explicitly by the tests that provoke them.
    }
  }
  return parsed;
}

/** Whether a value validates against a JSON schema (through zod's JSON-schema importer). */
export function validatesAgainst(schema: unknown, value: unknown): boolean {
  return z.fromJSONSchema(schema as JSONSchema.JSONSchema).safeParse(value).success;
}
