import { describe, expect, it } from 'vitest';
import { decodeAnthropicRequest } from './decode-request.js';
import { catchGatewayError } from './test-helpers.js';

const minimal = { model: 'claude-x', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] };
const userBlocks = (...blocks: unknown[]) => ({ messages: [{ role: 'user', content: blocks }] });
const assistantBlocks = (...blocks: unknown[]) => ({
  messages: [
    { role: 'user', content: 'hi' },
    { role: 'assistant', content: blocks },
  ],
});

/** [what is wrong, body, the field the 400 must name]. */
const cases: Array<[string, unknown, string]> = [
  ['body is not an object', [], 'body'],
  ['model missing', { ...minimal, model: undefined }, 'model'],
  ['model empty', { ...minimal, model: '' }, 'model'],
  ['max_tokens missing', { ...minimal, max_tokens: undefined }, 'max_tokens'],
  ['max_tokens negative', { ...minimal, max_tokens: -1 }, 'max_tokens'],
  ['max_tokens not an integer', { ...minimal, max_tokens: 1.5 }, 'max_tokens'],
  ['messages missing', { ...minimal, messages: undefined }, 'messages'],
  ['messages empty', { ...minimal, messages: [] }, 'messages'],
  ['message not an object', { ...minimal, messages: ['hi'] }, 'messages[0]'],
  ['role missing', { ...minimal, messages: [{ content: 'hi' }] }, 'messages[0].role'],
  ['role unknown', { ...minimal, messages: [{ role: 'tool', content: 'hi' }] }, 'messages[0].role'],
  ['content missing', { ...minimal, messages: [{ role: 'user' }] }, 'messages[0].content'],
  ['content empty array', { ...minimal, messages: [{ role: 'user', content: [] }] }, 'messages[0].content'],
  [
    'unknown user block type',
    { ...minimal, ...userBlocks({ type: 'search_result' }) },
    'messages[0].content[0].type',
  ],
  [
    'tool_use in a user turn',
    { ...minimal, ...userBlocks({ type: 'text', text: 'a' }, { type: 'tool_use' }) },
    'messages[0].content[1].type',
  ],
  [
    'image in an assistant turn',
    { ...minimal, ...assistantBlocks({ type: 'image' }) },
    'messages[1].content[0].type',
  ],
  ['text block without text', { ...minimal, ...userBlocks({ type: 'text' }) }, 'messages[0].content[0].text'],
  [
    'bad cache_control type',
    { ...minimal, ...userBlocks({ type: 'text', text: 'a', cache_control: { type: 'forever' } }) },
    'messages[0].content[0].cache_control.type',
  ],
  [
    'bad cache_control ttl',
    {
      ...minimal,
      ...userBlocks({ type: 'text', text: 'a', cache_control: { type: 'ephemeral', ttl: '2h' } }),
    },
    'messages[0].content[0].cache_control.ttl',
  ],
  ['image without source', { ...minimal, ...userBlocks({ type: 'image' }) }, 'messages[0].content[0].source'],
  [
    'image source type unknown',
    { ...minimal, ...userBlocks({ type: 'image', source: { type: 'text', data: 'x' } }) },
    'messages[0].content[0].source.type',
  ],
  [
    'base64 image without data',
    { ...minimal, ...userBlocks({ type: 'image', source: { type: 'base64', media_type: 'image/png' } }) },
    'messages[0].content[0].source.data',
  ],
  [
    'document with content source',
    { ...minimal, ...userBlocks({ type: 'document', source: { type: 'content', content: [] } }) },
    'messages[0].content[0].source.type',
  ],
  [
    'tool_use without id',
    { ...minimal, ...assistantBlocks({ type: 'tool_use', name: 'f', input: {} }) },
    'messages[1].content[0].id',
  ],
  [
    'tool_use input not an object',
    { ...minimal, ...assistantBlocks({ type: 'tool_use', id: 'a', name: 'f', input: 'x' }) },
    'messages[1].content[0].input',
  ],
  [
    'thinking without text',
    { ...minimal, ...assistantBlocks({ type: 'thinking', signature: 's' }) },
    'messages[1].content[0].thinking',
  ],
  [
    'redacted_thinking without data',
    { ...minimal, ...assistantBlocks({ type: 'redacted_thinking' }) },
    'messages[1].content[0].data',
  ],
  [
    'tool_result without id',
    { ...minimal, ...userBlocks({ type: 'tool_result', content: 'x' }) },
    'messages[0].content[0].tool_use_id',
  ],
  [
    'tool_result is_error not boolean',
    { ...minimal, ...userBlocks({ type: 'tool_result', tool_use_id: 'a', is_error: 'yes' }) },
    'messages[0].content[0].is_error',
  ],
  [
    'document inside a tool_result',
    { ...minimal, ...userBlocks({ type: 'tool_result', tool_use_id: 'a', content: [{ type: 'document' }] }) },
    'messages[0].content[0].content[0].type',
  ],
  ['system not text', { ...minimal, system: [{ type: 'image' }] }, 'system[0].type'],
  ['system a number', { ...minimal, system: 3 }, 'system'],
  ['temperature above 1', { ...minimal, temperature: 1.5 }, 'temperature'],
  ['top_p above 1', { ...minimal, top_p: 2 }, 'top_p'],
  ['top_k fractional', { ...minimal, top_k: 1.5 }, 'top_k'],
  ['stop_sequences a string', { ...minimal, stop_sequences: 'END' }, 'stop_sequences'],
  ['stop_sequences item not a string', { ...minimal, stop_sequences: ['a', 1] }, 'stop_sequences[1]'],
  ['stream not a boolean', { ...minimal, stream: 'yes' }, 'stream'],
  ['tools not an array', { ...minimal, tools: {} }, 'tools'],
  ['tool without name', { ...minimal, tools: [{ input_schema: {} }] }, 'tools[0].name'],
  [
    'tool input_schema not an object',
    { ...minimal, tools: [{ name: 'f', input_schema: 'x' }] },
    'tools[0].input_schema',
  ],
  ['tool_choice type unknown', { ...minimal, tool_choice: { type: 'required' } }, 'tool_choice.type'],
  ['tool_choice tool without name', { ...minimal, tool_choice: { type: 'tool' } }, 'tool_choice.name'],
  [
    'tool_choice names an undefined tool',
    { ...minimal, tool_choice: { type: 'tool', name: 'nope' } },
    'tool_choice.name',
  ],
  ['metadata.user_id not a string', { ...minimal, metadata: { user_id: 3 } }, 'metadata.user_id'],
  ['thinking without type', { ...minimal, thinking: {} }, 'thinking.type'],
  [
    'thinking enabled without budget',
    { ...minimal, thinking: { type: 'enabled' } },
    'thinking.budget_tokens',
  ],
  [
    'thinking budget not an integer',
    { ...minimal, thinking: { type: 'enabled', budget_tokens: 'a lot' } },
    'thinking.budget_tokens',
  ],
  [
    'output_config.format type unknown',
    { ...minimal, output_config: { format: { type: 'json_object' } } },
    'output_config.format.type',
  ],
  [
    'output_config.format without schema',
    { ...minimal, output_config: { format: { type: 'json_schema' } } },
    'output_config.format.schema',
  ],
];

describe('decodeAnthropicRequest: every error is a 400 naming the field', () => {
  it.each(cases)('%s → %s', (_name, body, param) => {
    const error = catchGatewayError(() => decodeAnthropicRequest(body));
    expect(error.kind).toBe('invalid_request');
    expect(error.status).toBe(400);
    expect(error.details.param).toBe(param);
    expect(error.message).toContain(`'${param}'`);
  });
});
