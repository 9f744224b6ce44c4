import type { SseEvent } from './sse-types.js';

/** A raw event stream and the events a spec-compliant parser must produce from it. */
export interface SseFixture {
  name: string;
  raw: string;
  expected: SseEvent[];
}

const openAiChunk = (delta: string, finish: string | null = null): string =>
  JSON.stringify({
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    model: 'gpt-4o-mini',
    choices: [{ index: 0, delta: { content: delta }, finish_reason: finish }],
  });
const openAiUsage = JSON.stringify({
  id: 'chatcmpl-1',
  object: 'chat.completion.chunk',
  choices: [],
  usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 },
});

const anthropicEvents: Array<[string, string]> = [
  ['message_start', '{"type":"message_start","message":{"id":"msg_1","usage":{"input_tokens":12}}}'],
  [
    'content_block_start',
    '{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}',
  ],
  ['ping', '{"type":"ping"}'],
  [
    'content_block_delta',
    '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}',
  ],
  ['content_block_stop', '{"type":"content_block_stop","index":0}'],
  [
    'message_delta',
    '{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":2}}',
  ],
  ['message_stop', '{"type":"message_stop"}'],
];

/** Real-world shaped streams plus the awkward corners of the spec. */
export const sseFixtures: SseFixture[] = [
  {
    name: 'OpenAI chat stream with usage chunk and [DONE]',
    raw: `data: ${openAiChunk('Hel')}\n\ndata: ${openAiChunk('lo')}\n\ndata: ${openAiChunk('', 'stop')}\n\ndata: ${openAiUsage}\n\ndata: [DONE]\n\n`,
    expected: [
      { data: openAiChunk('Hel') },
      { data: openAiChunk('lo') },
      { data: openAiChunk('', 'stop') },
      { data: openAiUsage },
      { data: '[DONE]' },
    ],
  },
  {
    name: 'Anthropic stream with event lines',
    raw: anthropicEvents.map(([event, data]) => `event: ${event}\ndata: ${data}\n\n`).join(''),
    expected: anthropicEvents.map(([event, data]) => ({ event, data })),
  },
  {
    name: 'comments and keep-alives between events',
    raw: ': OPENROUTER PROCESSING\n\ndata: a\n\n: keep-alive\n\n:\n\ndata: b\n: inline comment\n\n',
    expected: [{ data: 'a' }, { data: 'b' }],
  },
  {
    name: 'multi-line data, empty data lines and optional space',
    raw: 'data: line one\ndata:line two\ndata\ndata:  indented\n\ndata:\n\n',
    expected: [{ data: 'line one\nline two\n\n indented' }, { data: '' }],
  },
  {
    name: 'CRLF line endings',
    raw: 'event: delta\r\ndata: {"a":1}\r\n\r\ndata: x\r\ndata: y\r\n\r\n',
    expected: [{ event: 'delta', data: '{"a":1}' }, { data: 'x\ny' }],
  },
  {
    name: 'CR-only line endings',
    raw: 'event: delta\rdata: {"a":1}\r\rdata: x\rdata: y\r\r',
    expected: [{ event: 'delta', data: '{"a":1}' }, { data: 'x\ny' }],
  },
  {
    name: 'mixed line endings',
    raw: 'data: a\r\ndata: b\rdata: c\n\r\ndata: d\r\r\n',
    expected: [{ data: 'a\nb\nc' }, { data: 'd' }],
  },
  {
    name: 'emoji and CJK text',
    raw: 'data: {"text":"你好，世界 👋🏽 🇯🇵"}\n\nevent: 日本語\ndata: 😀\ndata: 漢字\n\n',
    expected: [{ data: '{"text":"你好，世界 👋🏽 🇯🇵"}' }, { event: '日本語', data: '😀\n漢字' }],
  },
  {
    name: 'leading BOM stripped once',
    raw: '\uFEFFdata: first\n\ndata: \uFEFFsecond\n\n',
    expected: [{ data: 'first' }, { data: '\uFEFFsecond' }],
  },
  {
    name: 'id, retry and field edge cases',
    raw: [
      'id: 1\nretry: 3000\ndata: a\n\n',
      'data: sticky id\n\n',
      'id: bad\u0000id\nretry: 12x\ndata: b\n\n',
      'event: lonely\nid: 2\n\n',
      'data: c\nunknown: field\nevent\n\n',
      'id\ndata: d\n\n',
    ].join(''),
    expected: [
      { id: '1', retry: 3000, data: 'a' },
      { id: '1', data: 'sticky id' },
      { id: '1', data: 'b' },
      { id: '2', data: 'c' },
      { data: 'd' },
    ],
  },
  {
    name: 'unterminated trailing event is discarded',
    raw: 'data: complete\n\ndata: cut off\n',
    expected: [{ data: 'complete' }],
  },
];
