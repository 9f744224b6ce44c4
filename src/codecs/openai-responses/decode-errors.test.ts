import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../canon/index.js';
import { decodeOpenAiResponsesRequest } from './decode-request.js';

function decodeError(body: unknown): GatewayError {
  try {
    decodeOpenAiResponsesRequest(body);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

describe('decodeOpenAiResponsesRequest: every error names its field', () => {
  const input = [{ role: 'user', content: 'hi' }];
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['model', { input }, "Missing required parameter: 'model'"],
    ['input', { model: 'm' }, 'Missing required'],
    ['input', { model: 'm', input: [] }, 'non-empty'],
    ['input[0].type', { model: 'm', input: [{ content: 'x' }] }, 'Missing required'],
    ['input[0].role', { model: 'm', input: [{ role: 'tool', content: 'x' }] }, "'user'"],
    ['input[0].content', { model: 'm', input: [{ role: 'user' }] }, 'Missing required'],
    [
      'input[0].content[0].type',
      { model: 'm', input: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }] },
      'input_text',
    ],
    [
      'input[0].content[0].detail',
      {
        model: 'm',
        input: [
          { role: 'user', content: [{ type: 'input_image', image_url: 'https://a/b.png', detail: 'ultra' }] },
        ],
      },
      "'auto'",
    ],
    [
      'input[0].content[0].image_url',
      { model: 'm', input: [{ role: 'user', content: [{ type: 'input_image', image_url: 'ftp://x' }] }] },
      'http(s)',
    ],
    [
      'input[0].name',
      { model: 'm', input: [{ type: 'function_call', call_id: 'c', arguments: '{}' }] },
      'Missing required',
    ],
    [
      'input[0].arguments',
      { model: 'm', input: [{ type: 'function_call', call_id: 'c', name: 'f', arguments: {} }] },
      'expected a string',
    ],
    [
      'input[1].call_id',
      { model: 'm', input: [...input, { type: 'function_call_output', call_id: 'nope', output: 'x' }] },
      "call_id 'nope'",
    ],
    [
      'input[1].output[0].type',
      {
        model: 'm',
        input: [
          { type: 'function_call', call_id: 'c', name: 'f', arguments: '{}' },
          { type: 'function_call_output', call_id: 'c', output: [{ type: 'input_file', file_id: 'f' }] },
        ],
      },
      'input_file',
    ],
    ['input[0].id', { model: 'm', input: [{ type: 'item_reference', id: 'msg_1' }] }, 'previous_response_id'],
    ['input[0].type', { model: 'm', input: [{ type: 'web_search_call', id: 'ws_1' }] }, 'hosted tools'],
    ['input[0].type', { model: 'm', input: [{ type: 'mystery' }] }, "'message'"],
    [
      'tools[1].type',
      { model: 'm', input, tools: [{ type: 'function', name: 'f' }, { type: 'web_search' }] },
      'this gateway cannot serve hosted tools on the chosen target',
    ],
    ['tools[0].name', { model: 'm', input, tools: [{ type: 'function', name: 'bad name' }] }, '1-64'],
    [
      'tool_choice.name',
      { model: 'm', input, tool_choice: { type: 'function', name: 'f' } },
      "no function named 'f'",
    ],
    ['tool_choice.type', { model: 'm', input, tool_choice: { type: 'file_search' } }, 'hosted tool'],
    ['text.format.type', { model: 'm', input, text: { format: { type: 'xml' } } }, "'json_schema'"],
    [
      'text.format.schema',
      { model: 'm', input, text: { format: { type: 'json_schema', name: 'x' } } },
      'needs a schema',
    ],
    ['max_output_tokens', { model: 'm', input, max_output_tokens: 0 }, '>= 1'],
    ['temperature', { model: 'm', input, temperature: 3 }, '<= 2'],
    ['reasoning.effort', { model: 'm', input, reasoning: { effort: 'extreme' } }, 'unsupported'],
    ['metadata.team', { model: 'm', input, metadata: { team: 1 } }, 'expected a string'],
    ['conversation', { model: 'm', input, conversation: 'conv_1' }, 'previous_response_id'],
    ['background', { model: 'm', input, background: true }, 'background'],
    ['include[0]', { model: 'm', input, include: [1] }, 'expected a string'],
    ['store', { model: 'm', input, store: 'yes' }, 'expected a boolean'],
    ['previous_response_id', { model: 'm', input, previous_response_id: '' }, 'non-empty'],
    ['instructions', { model: 'm', input, instructions: 5 }, 'expected a string'],
  ];
  it.each(cases)('%s', (param, body, message) => {
    const error = decodeError(body);
    expect(error.kind).toBe('invalid_request');
    expect(error.details.param).toBe(param);
    expect(error.message).toContain(message);
    expect(error.status).toBe(400);
  });
});
