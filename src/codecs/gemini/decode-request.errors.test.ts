import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../canon/index.js';
import { decodeGeminiRequest } from './decode-request.js';

const route = { model: 'gemini-2.5-flash' };
const hello = { role: 'user', parts: [{ text: 'hi' }] };
const tools = [{ functionDeclarations: [{ name: 'f' }] }];

function decodeError(body: unknown, routeParams: Record<string, unknown> = route): GatewayError {
  try {
    decodeGeminiRequest(body, routeParams);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

describe('decodeGeminiRequest: every 400 names the field at fault', () => {
  const cases: Array<[string, unknown, string]> = [
    ['a body that is not an object', [], 'body'],
    ['missing contents', {}, 'contents'],
    ['empty contents', { contents: [] }, 'contents'],
    ['an unknown role', { contents: [{ role: 'assistant', parts: [{ text: 'x' }] }] }, 'contents[0].role'],
    ['missing parts', { contents: [{ role: 'user' }] }, 'contents[0].parts'],
    ['empty parts', { contents: [{ role: 'user', parts: [] }] }, 'contents[0].parts'],
    [
      'a snake_case path',
      { contents: [{ role: 'user', parts: [{ inline_data: { data: 'AA==' } }] }] },
      'contents[0].parts[0].inline_data.mimeType',
    ],
    ['text that is not a string', { contents: [{ parts: [{ text: 5 }] }] }, 'contents[0].parts[0].text'],
    ['an empty part', { contents: [{ parts: [{}] }] }, 'contents[0].parts[0]'],
    [
      'two data fields in one part',
      { contents: [{ parts: [{ text: 'a', inlineData: {} }] }] },
      'contents[0].parts[0]',
    ],
    [
      'a code execution part',
      { contents: [{ parts: [{ executableCode: { code: 'print(1)' } }] }] },
      'contents[0].parts[0].executableCode',
    ],
    [
      'missing inline data',
      { contents: [{ parts: [{ inlineData: { mimeType: 'image/png' } }] }] },
      'contents[0].parts[0].inlineData.data',
    ],
    [
      'missing fileUri',
      { contents: [{ parts: [{ fileData: { mimeType: 'image/png' } }] }] },
      'contents[0].parts[0].fileData.fileUri',
    ],
    [
      'a function call without a name',
      { contents: [hello, { role: 'model', parts: [{ functionCall: { args: {} } }] }] },
      'contents[1].parts[0].functionCall.name',
    ],
    [
      'function call args that are not an object',
      { contents: [hello, { role: 'model', parts: [{ functionCall: { name: 'f', args: '{}' } }] }] },
      'contents[1].parts[0].functionCall.args',
    ],
    [
      'a function call in a user turn',
      { contents: [{ parts: [{ functionCall: { name: 'f' } }] }] },
      'contents[0].parts[0].functionCall',
    ],
    [
      'a function response in a model turn',
      { contents: [{ role: 'model', parts: [{ functionResponse: { name: 'f', response: {} } }] }] },
      'contents[0].parts[0].functionResponse',
    ],
    [
      'a function response without a name',
      { contents: [{ parts: [{ functionResponse: { response: {} } }] }] },
      'contents[0].parts[0].functionResponse.name',
    ],
    [
      'a function response body that is not an object',
      { contents: [{ parts: [{ functionResponse: { name: 'f', response: 'done' } }] }] },
      'contents[0].parts[0].functionResponse.response',
    ],
    [
      'an image in a model turn',
      { contents: [{ role: 'model', parts: [{ inlineData: { mimeType: 'image/png', data: 'AA==' } }] }] },
      'contents[0].parts[0].inlineData',
    ],
    [
      'a thought that is not text',
      { contents: [{ role: 'model', parts: [{ thought: true, functionCall: { name: 'f' } }] }] },
      'contents[0].parts[0].functionCall',
    ],
    [
      'a non-text system part',
      {
        contents: [hello],
        systemInstruction: { parts: [{ inlineData: { mimeType: 'image/png', data: 'AA==' } }] },
      },
      'systemInstruction.parts[0]',
    ],
    ['tools that are not an array', { contents: [hello], tools: {} }, 'tools'],
    [
      'a declaration without a name',
      { contents: [hello], tools: [{ functionDeclarations: [{}] }] },
      'tools[0].functionDeclarations[0].name',
    ],
    [
      'a bad function name',
      { contents: [hello], tools: [{ functionDeclarations: [{ name: '9lives' }] }] },
      'tools[0].functionDeclarations[0].name',
    ],
    [
      'both parameter schemas',
      {
        contents: [hello],
        tools: [{ functionDeclarations: [{ name: 'f', parameters: {}, parametersJsonSchema: {} }] }],
      },
      'tools[0].functionDeclarations[0].parametersJsonSchema',
    ],
    [
      'an unknown calling mode',
      { contents: [hello], tools, toolConfig: { functionCallingConfig: { mode: 'SOMETIMES' } } },
      'toolConfig.functionCallingConfig.mode',
    ],
    [
      'allowed names with mode AUTO',
      {
        contents: [hello],
        tools,
        toolConfig: { functionCallingConfig: { mode: 'AUTO', allowedFunctionNames: ['f'] } },
      },
      'toolConfig.functionCallingConfig.allowedFunctionNames',
    ],
    [
      'an allowed name that is not declared',
      {
        contents: [hello],
        tools,
        toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['f', 'g'] } },
      },
      'toolConfig.functionCallingConfig.allowedFunctionNames[1]',
    ],
    [
      'a temperature out of range',
      { contents: [hello], generationConfig: { temperature: 3 } },
      'generationConfig.temperature',
    ],
    ['a fractional topK', { contents: [hello], generationConfig: { topK: 1.5 } }, 'generationConfig.topK'],
    [
      'maxOutputTokens of zero',
      { contents: [hello], generationConfig: { maxOutputTokens: 0 } },
      'generationConfig.maxOutputTokens',
    ],
    [
      'too many candidates',
      { contents: [hello], generationConfig: { candidateCount: 9 } },
      'generationConfig.candidateCount',
    ],
    [
      'a stop sequence that is not a string',
      { contents: [hello], generationConfig: { stopSequences: ['a', 1] } },
      'generationConfig.stopSequences[1]',
    ],
    [
      'a snake_case generationConfig field',
      { contents: [hello], generation_config: { top_p: 2 } },
      'generation_config.top_p',
    ],
    [
      'an unknown response MIME type',
      { contents: [hello], generationConfig: { responseMimeType: 'text/html' } },
      'generationConfig.responseMimeType',
    ],
    [
      'a schema without the JSON MIME type',
      { contents: [hello], generationConfig: { responseJsonSchema: {} } },
      'generationConfig.responseJsonSchema',
    ],
    [
      'both response schemas',
      {
        contents: [hello],
        generationConfig: {
          responseMimeType: 'application/json',
          responseSchema: {},
          responseJsonSchema: {},
        },
      },
      'generationConfig.responseJsonSchema',
    ],
    [
      'a budget below -1',
      { contents: [hello], generationConfig: { thinkingConfig: { thinkingBudget: -2 } } },
      'generationConfig.thinkingConfig.thinkingBudget',
    ],
    [
      'an unknown thinking level',
      { contents: [hello], generationConfig: { thinkingConfig: { thinkingLevel: 'MAX' } } },
      'generationConfig.thinkingConfig.thinkingLevel',
    ],
    [
      'includeThoughts that is not a boolean',
      { contents: [hello], generationConfig: { thinkingConfig: { includeThoughts: 'yes' } } },
      'generationConfig.thinkingConfig.includeThoughts',
    ],
    [
      'responseLogprobs that is not a boolean',
      { contents: [hello], generationConfig: { responseLogprobs: 1 } },
      'generationConfig.responseLogprobs',
    ],
    [
      'a safety setting without a threshold',
      { contents: [hello], safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT' }] },
      'safetySettings[0].threshold',
    ],
  ];

  const named = cases.map(([label, body, param]) => [label, param, body] as const);
  it.each(named)('%s → 400 naming %s', (_label, param, body) => {
    const error = decodeError(body);
    expect(error.kind).toBe('invalid_request');
    expect(error.status).toBe(400);
    expect(error.details.param).toBe(param);
    expect(error.message).toContain(param);
  });

  it('names the model when neither the URL nor the body has one', () => {
    expect(decodeError({ contents: [hello] }, {}).details.param).toBe('model');
  });
});
