import { describe, expect, it } from 'vitest';
import { classifyText } from './index.js';

// Hard cases: wrappers, look-alikes and role-play. Hand-written, not from the evaluation data.

const REPORT = [
  'Quarterly update from the facilities team. The east wing roof repair finished two weeks early and',
  'under budget, which freed money for replacing the lobby lighting. Staff surveys show that the new',
  'desk booking system is popular with part-time staff but unpopular with people who come in every',
  'day, mainly because favourite desks are now taken by whoever books first. The team proposes a',
  'trial in which each department keeps a small block of fixed desks. Energy use fell by nine percent',
  'compared with the same quarter last year, largely thanks to the heating schedule. Two lifts will be',
  'out of service in turn next month for inspections; notices will go up a week in advance.',
].join(' ');

function classOf(text: string): string {
  return classifyText(text).taskClass;
}

describe('summary wrappers', () => {
  it('finds the instruction on a colon-terminated first line or a question on the last line', () => {
    expect(classOf(`Give me the gist of this:\n${REPORT}`)).toBe('summary');
    expect(classOf(`${REPORT}\nWhat were the main points?`)).toBe('summary');
    expect(classOf(`Condense the report below into a few bullet points.\n\n${REPORT}`)).toBe('summary');
  });

  it('sees through template wrappers around the request', () => {
    const wrapped = (request: string) =>
      `Below is an instruction that describes a task. Write a response that completes the request.\n\n### Instruction:\n${request}\n\n### Response:`;
    expect(classOf(wrapped(`Summarize: ${REPORT}`))).toBe('summary');
    expect(classOf(`User: def area(radius):\n    """Return the area of a circle."""\nAssistant:`)).toBe(
      'code',
    );
    expect(classOf(`${REPORT}\n\nWhat did the facilities team propose about desks?\nAnswer:`)).toBe(
      'summary',
    );
  });

  it('needs an ask: a story that contains dialogue is not a summary request', () => {
    const story = [
      'Write the next scene of my play. So far:',
      '',
      'Mara: You came back.',
      'Jonah: I said I would, didn’t I?',
      'Mara: You said a lot of things.',
      'Jonah: This time I brought the letters.',
      'Mara: Then read them to me, all of them, from the first one.',
      'Jonah: The first one is the hardest. It is the one I never sent.',
    ].join('\n');
    expect(classOf(story)).toBe('chat');
  });

  it('does not let role-play borrow the summary class', () => {
    expect(
      classOf(
        'I want you to act as a librarian. I will name a book and you will give a short summary of it in character, with a recommendation.',
      ),
    ).toBe('chat');
  });
});

describe('code look-alikes', () => {
  it('recognises a C-style comment docstring and signature', () => {
    const stub = [
      '/* Return true when any two numbers in the list are closer than the threshold.',
      '>>> closeElements([1.0, 2.8, 3.0], 0.3)',
      'true',
      '*/',
      'const closeElements = (numbers, threshold) => {',
    ].join('\n');
    expect(classOf(stub)).toBe('code');
  });

  it('recognises short programming questions that name a language', () => {
    expect(classOf('sort a dict by value in python')).toBe('code');
    expect(classOf("What does 'TypeError: undefined is not a function' mean?")).toBe('code');
  });

  it('keeps everyday uses of language names as chat', () => {
    expect(classOf('How do I kill a Python process?')).toBe('chat');
    expect(classOf('What is the best way to brew coffee from Java beans?')).toBe('chat');
  });

  it('treats a request for a program as code even when it computes something', () => {
    expect(classOf('Write a program to compute the sum of the integers from k to n.')).toBe('code');
  });
});

describe('maths look-alikes', () => {
  it('keeps instructions with units and figures, but no question, as chat', () => {
    expect(
      classOf('Roast the vegetables at 220 degrees for 35 minutes, turning them after 20 minutes.'),
    ).toBe('chat');
  });

  it('does not read a lone dollar sign as TeX', () => {
    const result = classifyText('Pay the $ amount shown on the invoice, then email finance.');
    expect(result.features.texCommands).toBe(0);
    expect(result.taskClass).toBe('chat');
  });
});
