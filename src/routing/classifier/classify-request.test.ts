import { describe, expect, it } from 'vitest';
import type { CanonMessage, CanonRequest } from '../../canon/index.js';
import { classifyRequest, LONG_CONTEXT_TOKENS } from './index.js';

function request(messages: CanonMessage[]): CanonRequest {
  return { model: 'auto', messages, sampling: {}, stream: false, streamUsage: false, vendor: {} };
}

function user(text: string): CanonMessage {
  return { role: 'user', content: [{ type: 'text', text }] };
}

function assistant(text: string): CanonMessage {
  return { role: 'assistant', content: [{ type: 'text', text }] };
}

function system(text: string): CanonMessage {
  return { role: 'system', content: [{ type: 'text', text }] };
}

describe('classifyRequest', () => {
  it('classifies the last user message, not earlier turns', () => {
    const result = classifyRequest(
      request([
        user('Write a Python function that parses ISO dates.'),
        assistant('def parse(value):\n    return datetime.fromisoformat(value)'),
        user('Thanks! Now, what is a good name for a golden retriever puppy?'),
      ]),
    );
    expect(result.taskClass).toBe('chat');
  });

  it('joins the text parts of the last user message and ignores images', () => {
    const result = classifyRequest(
      request([
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Solve for x:' },
            { type: 'image', source: { kind: 'url', url: 'https://example.com/board.png' } },
            { type: 'text', text: '4x + 9 = 2x - 3. Show each step.' },
          ],
        },
      ]),
    );
    expect(result.taskClass).toBe('reasoning');
  });

  it('gives the system prompt some weight, but less than the user message', () => {
    const coding = system(
      'You are a senior TypeScript engineer. Answer with code: write functions and unit tests.',
    );
    expect(classifyRequest(request([coding, user('Make it handle an empty array too.')])).taskClass).toBe(
      'code',
    );
    expect(
      classifyRequest(request([coding, user('What is the weather like in Lisbon in May?')])).taskClass,
    ).toBe('chat');
    expect(
      classifyRequest(
        request([system('You are a helpful assistant.'), user('Write a Rust function that sums a vector.')]),
      ).taskClass,
    ).toBe('code');
  });

  it('decides long_context on the whole conversation', () => {
    const earlier = 'The quarterly report covers revenue, hiring and the new office. '.repeat(700);
    const result = classifyRequest(
      request([user(earlier), assistant('Noted.'), user('What did it say about hiring?')]),
    );
    expect(result.estimatedTokens).toBeGreaterThanOrEqual(LONG_CONTEXT_TOKENS);
    expect(result.taskClass).toBe('long_context');
  });

  it('handles a request without any user message', () => {
    const result = classifyRequest(request([system('You are terse.')]));
    expect(result.taskClass).toBe('chat');
    expect(result.estimatedTokens).toBeGreaterThan(0);
  });

  it('counts tool calls and tool results towards the length', () => {
    const bigResult = 'row,value\n'.repeat(4_000);
    const result = classifyRequest(
      request([
        user('Load the sales table.'),
        {
          role: 'assistant',
          content: [
            { type: 'tool-call', callId: 'c1', toolName: 'load_table', argumentsJson: '{"name":"sales"}' },
          ],
        },
        {
          role: 'tool',
          content: [{ type: 'tool-result', callId: 'c1', content: [{ type: 'text', text: bigResult }] }],
        },
        user('Which month was best?'),
      ]),
    );
    expect(result.taskClass).toBe('long_context');
  });
});
