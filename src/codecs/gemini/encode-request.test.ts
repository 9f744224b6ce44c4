import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CanonRequest, GatewayError } from '../../canon/index.js';
import { decodeGeminiRequest } from './decode-request.js';
import { encodeGeminiRequest } from './encode-request.js';

const fixture = JSON.parse(
  readFileSync(new URL('./__fixtures__/full-request.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

function canonical(overrides: Partial<CanonRequest> = {}): CanonRequest {
  return {
    model: 'alias',
    messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    sampling: {},
    stream: false,
    streamUsage: false,
    vendor: {},
    ...overrides,
  };
}

describe('encodeGeminiRequest: a Gemini → Gemini hop', () => {
  it("is lossless: the body equals the caller's, and no warning is raised", () => {
    const { body, warnings, path, urlPath } = encodeGeminiRequest(
      decodeGeminiRequest(fixture, { model: 'gemini-2.5-flash' }),
      'gemini-2.5-flash',
    );
    expect(warnings).toEqual([]);
    expect(body).toEqual(fixture);
    expect(path).toBe('generateContent');
    expect(urlPath).toBe('models/gemini-2.5-flash:generateContent');
  });

  it('sends OpenAPI parameters back as parametersJsonSchema, and names the streaming URL', () => {
    const request = decodeGeminiRequest(
      {
        contents: [{ parts: [{ text: 'x' }] }],
        tools: [{ functionDeclarations: [{ name: 'f', parameters: { type: 'OBJECT', properties: {} } }] }],
      },
      { model: 'm', stream: true },
    );
    const encoded = encodeGeminiRequest(request, 'tunedModels/mine');
    expect(encoded.body.tools).toEqual([
      { functionDeclarations: [{ name: 'f', parametersJsonSchema: { type: 'object', properties: {} } }] },
    ]);
    expect(encoded.path).toBe('streamGenerateContent');
    expect(encoded.urlPath).toBe('tunedModels/mine:streamGenerateContent?alt=sse');
  });
});

describe('encodeGeminiRequest: canonical requests from other shapes', () => {
  const conversation: CanonRequest['messages'] = [
    { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Weather?' },
        { type: 'image', source: { kind: 'url', url: 'https://example.com/sky.png' } },
        { type: 'file', source: { kind: 'file-id', fileId: 'file-123' } },
      ],
    },
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'thinking', signature: 'anthropic-sig' },
        { type: 'text', text: 'Calling.' },
        { type: 'tool-call', callId: 'call_abc', toolName: 'get_weather', argumentsJson: '{"city":"Paris"}' },
        { type: 'tool-call', callId: 'call_def', toolName: 'get_time', argumentsJson: '{"broken' },
      ],
    },
    {
      role: 'tool',
      content: [
        { type: 'tool-result', callId: 'call_abc', content: [{ type: 'text', text: '{"temp_c":21}' }] },
        {
          type: 'tool-result',
          callId: 'call_def',
          isError: true,
          content: [
            { type: 'text', text: 'clock offline' },
            { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AA==' } },
          ],
        },
      ],
    },
    { role: 'user', content: [{ type: 'text', text: 'And?' }] },
    { role: 'system', content: [{ type: 'text', text: 'Late rule.' }] },
  ];

  it('builds contents: system hoisted, names recovered, results wrapped, roles merged, signature fallback', () => {
    const { body, warnings } = encodeGeminiRequest(canonical({ messages: conversation }), 'gemini-2.5-flash');
    expect(body.systemInstruction).toEqual({ parts: [{ text: 'Be brief.' }, { text: 'Late rule.' }] });
    expect(body.contents).toEqual([
      {
        role: 'user',
        parts: [
          { text: 'Weather?' },
          { fileData: { mimeType: 'image/png', fileUri: 'https://example.com/sky.png' } },
        ],
      },
      {
        role: 'model',
        parts: [
          { text: 'thinking', thought: true, thoughtSignature: 'anthropic-sig' },
          { text: 'Calling.' },
          {
            functionCall: { name: 'get_weather', args: { city: 'Paris' } },
            thoughtSignature: 'skip_thought_signature_validator',
          },
          { functionCall: { name: 'get_time', args: {} } },
        ],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'get_weather', response: { temp_c: 21 } } },
          { functionResponse: { name: 'get_time', response: { error: 'clock offline' } } },
          { inlineData: { mimeType: 'image/png', data: 'AA==' } },
          { text: 'And?' },
        ],
      },
    ]);
    expect(warnings.map((warning) => [warning.code, warning.field])).toEqual([
      ['remote-media-url', 'messages[1].content[1]'],
      ['unsupported-parameter', 'messages[1].content[2]'],
      ['parameter-changed', 'messages[2].tool_calls'],
      ['parameter-changed', 'messages[5]'],
    ]);
  });

  it('moves a signature-only reasoning part onto the next part, and can send no fallback', () => {
    const { body } = encodeGeminiRequest(
      canonical({
        messages: [
          {
            role: 'assistant',
            content: [
              { type: 'reasoning', text: '', signature: 'sig-1' },
              { type: 'tool-call', callId: 'c', toolName: 'f', argumentsJson: '' },
              { type: 'tool-call', callId: 'd', toolName: 'g', argumentsJson: '{}' },
            ],
          },
          { role: 'tool', content: [{ type: 'tool-result', callId: 'c', toolName: 'f', content: [] }] },
        ],
      }),
      'gemini-3-pro-preview',
      { thoughtSignatureFallback: null },
    );
    expect(body.contents).toEqual([
      {
        role: 'model',
        parts: [
          { functionCall: { name: 'f', args: {} }, thoughtSignature: 'sig-1' },
          { functionCall: { name: 'g', args: {} } },
        ],
      },
      { role: 'user', parts: [{ functionResponse: { name: 'f', response: { result: '' } } }] },
    ]);
  });

  it('answers 400 for a tool result whose call is nowhere in the conversation', () => {
    const request = canonical({
      messages: [{ role: 'tool', content: [{ type: 'tool-result', callId: 'ghost', content: [] }] }],
    });
    expect(() => encodeGeminiRequest(request, 'm')).toThrow(GatewayError);
    try {
      encodeGeminiRequest(request, 'm');
    } catch (error) {
      expect(error instanceof GatewayError && error.details.param).toBe('messages[0].content[0].callId');
    }
  });

  it('maps sampling, candidates, logprobs, JSON schema, tools and tool choice', () => {
    const { body, warnings } = encodeGeminiRequest(
      canonical({
        sampling: {
          maxOutputTokens: 100,
          temperature: 0.2,
          topP: 0.9,
          topK: 5,
          seed: 7,
          stopSequences: ['1', '2', '3', '4', '5', '6'],
        },
        choiceCount: 2,
        logprobs: { enabled: true, top: 4 },
        output: { type: 'json', schema: { type: 'object' }, schemaName: 'answer', strict: true },
        tools: [
          { name: 'f', description: 'does f', inputSchema: { type: 'object' }, strict: true },
          { name: 'g' },
        ],
        toolChoice: { toolName: 'f' },
        parallelToolCalls: false,
        endUser: 'user-1',
        metadata: { team: 'a' },
      }),
      'gemini-2.5-flash',
    );
    expect(body.generationConfig).toEqual({
      maxOutputTokens: 100,
      temperature: 0.2,
      topP: 0.9,
      topK: 5,
      seed: 7,
      stopSequences: ['1', '2', '3', '4', '5'],
      candidateCount: 2,
      responseLogprobs: true,
      logprobs: 4,
      responseMimeType: 'application/json',
      responseJsonSchema: { type: 'object' },
    });
    expect(body.tools).toEqual([
      {
        functionDeclarations: [
          { name: 'f', description: 'does f', parametersJsonSchema: { type: 'object' } },
          { name: 'g' },
        ],
      },
    ]);
    expect(body.toolConfig).toEqual({ functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['f'] } });
    expect(warnings.map((warning) => warning.field)).toEqual([
      'tools[].function.strict',
      'stop',
      'parallel_tool_calls',
      'user',
      'metadata',
    ]);
    const modes = (['auto', 'none', 'required'] as const).map(
      (toolChoice) =>
        encodeGeminiRequest(canonical({ tools: [{ name: 'f' }], toolChoice }), 'm').body.toolConfig,
    );
    expect(modes).toEqual([
      { functionCallingConfig: { mode: 'AUTO' } },
      { functionCallingConfig: { mode: 'NONE' } },
      { functionCallingConfig: { mode: 'ANY' } },
    ]);
    expect(encodeGeminiRequest(canonical({ output: { type: 'json' } }), 'm').body.generationConfig).toEqual({
      responseMimeType: 'application/json',
    });
  });

  it('maps reasoning to a budget for Gemini 2.x and to a level for Gemini 3', () => {
    const thinking = (reasoning: CanonRequest['reasoning'], model: string) => {
      const encoded = encodeGeminiRequest(canonical({ reasoning }), model);
      return [
        (encoded.body.generationConfig as Record<string, unknown>).thinkingConfig,
        encoded.warnings.length,
      ];
    };
    expect(thinking({ effort: 'low' }, 'gemini-2.5-flash')).toEqual([
      { thinkingBudget: 1024, includeThoughts: true },
      0,
    ]);
    expect(thinking({ effort: 'none' }, 'gemini-2.5-flash')).toEqual([{ thinkingBudget: 0 }, 0]);
    expect(thinking({ effort: 'high' }, 'gemini-3-pro-preview')).toEqual([
      { thinkingLevel: 'HIGH', includeThoughts: true },
      0,
    ]);
    expect(thinking({ effort: 'none' }, 'gemini-3-flash')).toEqual([{ thinkingLevel: 'MINIMAL' }, 1]);
    expect(thinking({ effort: 'high', budgetTokens: 2048 }, 'gemini-3-flash')).toEqual([
      { thinkingBudget: 2048, includeThoughts: true },
      0,
    ]);
  });

  it('merges ext.gemini and ext.google, and warns once per foreign vendor or ext field', () => {
    const { body, warnings } = encodeGeminiRequest(
      canonical({
        ext: {
          gemini: { generationConfig: { mediaResolution: 'MEDIA_RESOLUTION_LOW' } },
          google: { labels: { team: 'a' } },
          anthropic: { top_k: 3 },
        },
        sampling: { temperature: 1 },
        vendor: { 'openai-chat': { logit_bias: {}, service_tier: 'flex' } },
        messages: [
          {
            role: 'user',
            content: [{ type: 'text', text: 'hi' }],
            vendor: { 'anthropic-messages': { cache: 1 } },
          },
        ],
      }),
      'm',
    );
    expect(body.generationConfig).toEqual({ temperature: 1, mediaResolution: 'MEDIA_RESOLUTION_LOW' });
    expect(body.labels).toEqual({ team: 'a' });
    expect(warnings.map((warning) => warning.field)).toEqual([
      'logit_bias',
      'service_tier',
      'messages[0].cache',
      'ext.anthropic.top_k',
    ]);
    expect(warnings.every((warning) => warning.code === 'unsupported-parameter')).toBe(true);
  });
});
