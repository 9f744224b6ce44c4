import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ToolCallPart, ToolResultPart } from '../../canon/index.js';
import { decodeGeminiRequest } from './decode-request.js';
import { toSnakeCase } from './wire-fields.js';

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;
}

const route = { model: 'gemini-2.5-flash', stream: false };

describe('decodeGeminiRequest: every field of the request surface', () => {
  const request = decodeGeminiRequest(fixture('full-request.json'), route);

  it('takes the model and streaming from the URL', () => {
    expect(request.model).toBe('gemini-2.5-flash');
    expect(request.stream).toBe(false);
    const streaming = decodeGeminiRequest(fixture('full-request.json'), {
      model: 'models/gemini-2.5-pro',
      stream: true,
    });
    expect(streaming).toMatchObject({ model: 'gemini-2.5-pro', stream: true, streamUsage: true });
  });

  it('maps systemInstruction and every part kind of a user turn', () => {
    expect(request.messages[0]).toEqual({
      role: 'system',
      content: [
        { type: 'text', text: 'You are terse.' },
        { type: 'text', text: 'Use metric units.' },
      ],
    });
    expect(request.messages[1]).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'What is in these files, and what is the weather?' },
        { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' } },
        {
          type: 'file',
          source: { kind: 'url', url: 'https://generativelanguage.googleapis.com/v1beta/files/abc' },
          mediaType: 'application/pdf',
        },
        { type: 'image', source: { kind: 'url', url: 'gs://bucket/cat.jpg' } },
        {
          type: 'file',
          source: { kind: 'base64', mediaType: 'audio/wav', data: 'UklGRg==' },
          mediaType: 'audio/wav',
        },
      ],
      vendor: {
        gemini: {
          $partExtras: {
            '1': { mediaResolution: { level: 'MEDIA_RESOLUTION_LOW' } },
            '3': { fileData: { mimeType: 'image/jpeg' } },
          },
        },
      },
    });
  });

  it('maps a model turn: thoughts, text, a signed function call and an unsigned one', () => {
    expect(request.messages[2]).toEqual({
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'The user wants two facts.' },
        { type: 'text', text: 'Checking both.' },
        { type: 'reasoning', text: '', signature: 'c2lnLXdlYXRoZXI=' },
        {
          type: 'tool-call',
          callId: 'call_0_get_weather',
          toolName: 'get_weather',
          argumentsJson: '{"city":"Paris"}',
        },
        { type: 'tool-call', callId: 'call_1_get_time', toolName: 'get_time', argumentsJson: '{}' },
      ],
    });
  });

  it('splits a user turn into tool results and user text, results paired with their calls', () => {
    expect(request.messages[3]).toEqual({
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          callId: 'call_0_get_weather',
          toolName: 'get_weather',
          content: [{ type: 'text', text: '{"temp_c":21}' }],
        },
        {
          type: 'tool-result',
          callId: 'call_1_get_time',
          toolName: 'get_time',
          content: [{ type: 'text', text: 'noon' }],
        },
      ],
    });
    expect(request.messages[4]).toEqual({ role: 'user', content: [{ type: 'text', text: 'And tomorrow?' }] });
    expect(request.messages.slice(5).map((message) => message.role)).toEqual(['assistant', 'user']);
  });

  it('maps tools, tool choice and every generationConfig field', () => {
    expect(request.tools).toEqual([
      {
        name: 'get_weather',
        description: 'Weather by city',
        inputSchema: {
          type: 'object',
          properties: { city: { type: 'string' } },
          required: ['city'],
          additionalProperties: false,
        },
      },
      {
        name: 'get_time',
        description: 'Local time',
        inputSchema: { type: 'object', properties: { zone: { type: ['string', 'null'] } } },
      },
    ]);
    expect(request.toolChoice).toEqual({ toolName: 'get_weather' });
    expect(request.sampling).toEqual({
      temperature: 0.7,
      topP: 0.95,
      topK: 40,
      maxOutputTokens: 1024,
      stopSequences: ['END'],
      seed: 42,
      presencePenalty: 0.5,
      frequencyPenalty: -0.5,
    });
    expect(request.choiceCount).toBe(1);
    expect(request.output).toEqual({
      type: 'json',
      schema: { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] },
    });
    expect(request.logprobs).toEqual({ enabled: true, top: 3 });
    expect(request.reasoning).toEqual({ budgetTokens: 1024 });
  });

  it('keeps what the hub does not model in vendor.gemini', () => {
    expect(request.vendor).toEqual({
      gemini: {
        safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_ONLY_HIGH' }],
        cachedContent: 'cachedContents/abc',
        generationConfig: { responseModalities: ['TEXT'], thinkingConfig: { includeThoughts: true } },
        tools: [{ googleSearch: {} }],
        $functionDeclarations: { get_time: { behavior: 'NON_BLOCKING' } },
      },
    });
  });

  it('accepts snake_case field names (proto3 JSON) and decodes them identically', () => {
    expect(decodeGeminiRequest(snakeCaseKeys(fixture('full-request.json')), route)).toEqual(request);
  });
});

describe('decodeGeminiRequest: function call ids', () => {
  const request = decodeGeminiRequest(fixture('two-turn-tools-request.json'), route);
  const calls = request.messages.flatMap((message) =>
    message.role === 'assistant' ? message.content.filter((part) => part.type === 'tool-call') : [],
  ) as ToolCallPart[];
  const results = request.messages.flatMap((message) =>
    message.role === 'tool' ? message.content : [],
  ) as ToolResultPart[];

  it('synthesizes deterministic ids and pairs same-name calls with responses in order', () => {
    expect(calls.map((call) => [call.callId, call.argumentsJson])).toEqual([
      ['call_0_get_weather', '{"city":"Paris"}'],
      ['call_1_get_weather', '{"city":"Oslo"}'],
      ['call_2_get_time', '{"city":"Paris"}'],
    ]);
    expect(results.map((result) => [result.callId, result.content[0]])).toEqual([
      ['call_0_get_weather', { type: 'text', text: '{"temp_c":21}' }],
      ['call_1_get_weather', { type: 'text', text: '{"temp_c":4}' }],
      ['call_2_get_time', { type: 'text', text: 'clock offline' }],
    ]);
    expect(results[2]?.isError).toBe(true);
    expect(decodeGeminiRequest(fixture('two-turn-tools-request.json'), route)).toEqual(request);
  });

  it('converts OpenAPI `parameters` to JSON Schema', () => {
    expect(request.tools?.[1]?.inputSchema).toEqual({
      type: 'object',
      properties: { city: { type: ['string', 'null'] } },
    });
  });

  it('uses wire ids when present, pairing by id before name', () => {
    const decoded = decodeGeminiRequest(
      {
        contents: [
          { role: 'user', parts: [{ text: 'go' }] },
          {
            role: 'model',
            parts: [
              { functionCall: { id: 'a1', name: 'f', args: {} } },
              { functionCall: { id: 'a2', name: 'f', args: {} } },
            ],
          },
          {
            role: 'user',
            parts: [
              { functionResponse: { id: 'a2', name: 'f', response: { n: 2 } } },
              { functionResponse: { name: 'f', response: { n: 1 } } },
            ],
          },
        ],
      },
      route,
    );
    const tool = decoded.messages[2];
    expect(tool?.role === 'tool' && tool.content.map((result) => result.callId)).toEqual(['a2', 'a1']);
    expect(decoded.messages[1]?.vendor).toEqual({
      gemini: { $partExtras: { '0': { functionCall: { id: 'a1' } }, '1': { functionCall: { id: 'a2' } } } },
    });
  });

  it('gives a response with no matching call an id of its own, and only pairs within the last model turn', () => {
    const decoded = decodeGeminiRequest(
      {
        contents: [
          { role: 'model', parts: [{ functionCall: { name: 'f' } }] },
          { role: 'user', parts: [{ text: 'never mind' }] },
          { role: 'model', parts: [{ text: 'ok' }] },
          { role: 'user', parts: [{ functionResponse: { name: 'f', response: {} } }] },
        ],
      },
      route,
    );
    const tool = decoded.messages[3];
    expect(tool?.role === 'tool' && tool.content[0]?.callId).toBe('call_1_f');
  });
});

describe('decodeGeminiRequest: smaller cases', () => {
  const minimal = { contents: [{ parts: [{ text: 'hi' }] }] };

  it('defaults a missing role to user and accepts a string systemInstruction', () => {
    const decoded = decodeGeminiRequest({ ...minimal, systemInstruction: 'Be brief.' }, route);
    expect(decoded.messages).toEqual([
      { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
      { role: 'user', content: [{ type: 'text', text: 'hi' }] },
    ]);
    expect(decoded).toMatchObject({ sampling: {}, stream: false, streamUsage: false, vendor: {} });
  });

  it('maps tool modes and keeps what has no canonical form', () => {
    const tools = [{ functionDeclarations: [{ name: 'a' }, { name: 'b' }] }];
    const decode = (functionCallingConfig: Record<string, unknown>) =>
      decodeGeminiRequest({ ...minimal, tools, toolConfig: { functionCallingConfig } }, route);
    expect(decode({ mode: 'AUTO' }).toolChoice).toBe('auto');
    expect(decode({ mode: 'NONE' }).toolChoice).toBe('none');
    expect(decode({ mode: 'ANY' }).toolChoice).toBe('required');
    const several = decode({ mode: 'ANY', allowedFunctionNames: ['a', 'b'] });
    expect(several.toolChoice).toBe('required');
    expect(several.vendor.gemini?.toolConfig).toEqual({
      functionCallingConfig: { allowedFunctionNames: ['a', 'b'] },
    });
    const validated = decode({ mode: 'VALIDATED' });
    expect(validated.toolChoice).toBe('auto');
    expect(validated.vendor.gemini?.toolConfig).toEqual({ functionCallingConfig: { mode: 'VALIDATED' } });
  });

  it('maps thinking levels, a zero budget, the dynamic budget, responseSchema and enum output', () => {
    const decode = (generationConfig: Record<string, unknown>) =>
      decodeGeminiRequest({ ...minimal, generationConfig }, route);
    expect(decode({ thinkingConfig: { thinkingLevel: 'HIGH' } }).reasoning).toEqual({ effort: 'high' });
    expect(decode({ thinkingConfig: { thinkingBudget: 0 } }).reasoning).toEqual({ effort: 'none' });
    const dynamic = decode({ thinkingConfig: { thinkingBudget: -1 } });
    expect(dynamic.reasoning).toBeUndefined();
    expect(dynamic.vendor.gemini?.generationConfig).toEqual({ thinkingConfig: { thinkingBudget: -1 } });
    expect(
      decode({
        responseMimeType: 'application/json',
        responseSchema: { type: 'OBJECT', properties: { n: { type: 'INTEGER', format: 'int32' } } },
      }).output,
    ).toEqual({
      type: 'json',
      schema: { type: 'object', properties: { n: { type: 'integer', format: 'int32' } } },
    });
    expect(decode({ responseMimeType: 'text/plain' }).output).toEqual({ type: 'text' });
    const enumOutput = decode({
      responseMimeType: 'text/x.enum',
      responseSchema: { type: 'STRING', enum: ['a'] },
    });
    expect(enumOutput.output).toBeUndefined();
    expect(enumOutput.vendor.gemini?.generationConfig).toEqual({
      responseMimeType: 'text/x.enum',
      responseSchema: { type: 'STRING', enum: ['a'] },
    });
  });

  it("reads Google's placeholder signatures as no signature, so no other provider sees them", () => {
    const decoded = decodeGeminiRequest(
      {
        contents: [
          {
            role: 'model',
            parts: [
              { functionCall: { name: 'f', args: {} }, thoughtSignature: 'skip_thought_signature_validator' },
            ],
          },
        ],
      },
      route,
    );
    expect(decoded.messages[0]?.content).toEqual([
      { type: 'tool-call', callId: 'call_0_f', toolName: 'f', argumentsJson: '{}' },
    ]);
  });

  it('decodes nested function response images and error results', () => {
    const decoded = decodeGeminiRequest(
      {
        contents: [
          { role: 'model', parts: [{ functionCall: { name: 'shot', args: {} } }] },
          {
            role: 'user',
            parts: [
              {
                functionResponse: {
                  name: 'shot',
                  response: { error: { code: 5 } },
                  parts: [{ inlineData: { mimeType: 'image/png', data: 'AA==' } }],
                },
              },
            ],
          },
        ],
      },
      route,
    );
    expect(decoded.messages[1]).toEqual({
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          callId: 'call_0_shot',
          toolName: 'shot',
          isError: true,
          content: [
            { type: 'text', text: '{"code":5}' },
            { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AA==' } },
          ],
        },
      ],
    });
  });
});

/** Renames every key the codec parses to snake_case, leaving caller data (schemas, args) alone. */
function snakeCaseKeys(value: unknown, insideData = false): unknown {
  if (Array.isArray(value)) return value.map((item) => snakeCaseKeys(item, insideData));
  if (typeof value !== 'object' || value === null) return value;
  const renamed: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const isData =
      insideData || ['args', 'response', 'parametersJsonSchema', 'responseJsonSchema'].includes(key);
    renamed[insideData ? key : toSnakeCase(key)] = snakeCaseKeys(item, isData);
  }
  return renamed;
}
