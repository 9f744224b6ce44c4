import { describe, expect, it } from 'vitest';
import { classifyText, LONG_CONTEXT_TOKENS } from './index.js';

// Hand-written prompts, one concern per group. None comes from the evaluation data.

const ARTICLE = [
  'The town council of Westbrook voted on Tuesday to close the old footbridge over the river Aire after',
  'engineers found corrosion in two of its four steel supports. The bridge, built in 1932, carries about',
  '3,000 pedestrians a day between the station and the market square. Councillors said a temporary',
  'crossing would open within six weeks, while a full replacement could take two years and cost an',
  'estimated 4 million pounds. Local traders warned that the closure would hurt business during the',
  'summer festival, and asked the council to run a shuttle bus in the meantime. The council leader said',
  'safety had to come first but promised to look at the shuttle idea before the next meeting. Residents',
  'who use wheelchairs raised concerns that the temporary crossing would include steps; the engineers',
  'replied that a ramp was part of the plan and that the design would be published next week.',
].join('\n');

const DIALOGUE = [
  'Priya: Morning all. The main thing today is the launch date for the new app.',
  'Tom: Marketing wants the first week of May, but QA says the payment flow is not ready.',
  'Priya: How many open bugs are there on payments?',
  'Tom: Seven, two of them serious. The team thinks they need ten more days.',
  'Lena: Then May is risky. Could we launch without in-app payments and add them in June?',
  'Priya: That splits the announcement, which marketing will not love.',
  'Tom: True, but a broken checkout on day one would be worse for reviews.',
  'Lena: I can ask support how many tickets they expect if we launch with payments disabled.',
  'Priya: Good. Let us tentatively keep May and review the bug count on Friday.',
].join('\n');

function classOf(text: string): string {
  return classifyText(text).taskClass;
}

describe('code', () => {
  it('recognises fenced code in several languages', () => {
    expect(
      classOf(
        'Why does this throw?\n\n```js\nconst items = [1, 2, 3];\nitems.forEach((item) => {\n  console.log(item.name.toUpperCase());\n});\n```',
      ),
    ).toBe('code');
    expect(
      classOf(
        'Can you review this?\n```java\npublic class Greeter {\n    public static void main(String[] args) {\n        System.out.println("Hello");\n    }\n}\n```',
      ),
    ).toBe('code');
  });

  it('recognises unfenced code by its statements and indentation', () => {
    const python = [
      'def merge_intervals(intervals):',
      '    intervals.sort(key=lambda pair: pair[0])',
      '    merged = []',
      '    for start, end in intervals:',
      '        if merged and start <= merged[-1][1]:',
      '            merged[-1][1] = max(merged[-1][1], end)',
      '        else:',
      '            merged.append([start, end])',
      '    return merged',
      '',
      'This gives wrong results for touching intervals, what is wrong?',
    ].join('\n');
    expect(classOf(python)).toBe('code');
    expect(
      classOf(
        'fn main() {\n    let numbers = vec![3, 1, 2];\n    let total: i32 = numbers.iter().sum();\n    println!("{}", total);\n}',
      ),
    ).toBe('code');
    expect(classOf('#include <stdio.h>\nint main(void) {\n  printf("%d", 42);\n  return 0;\n}')).toBe('code');
  });

  it('recognises requests for code without any code in them', () => {
    expect(classOf('Write a Go function that reverses a singly linked list in place.')).toBe('code');
    expect(
      classOf('Write a SQL query returning the ten customers with the highest total order value in 2023.'),
    ).toBe('code');
    expect(classOf('How do I find all files larger than 100MB in a directory with bash?')).toBe('code');
  });

  it('keeps a function signature with a docstring as code even when it talks maths', () => {
    const stub = [
      'def count_primes(limit: int) -> int:',
      '    """Return how many prime numbers are smaller than limit.',
      '    >>> count_primes(10)',
      '    4',
      '    >>> count_primes(30)',
      '    10',
      '    """',
    ].join('\n');
    expect(classOf(stub)).toBe('code');
  });

  it('treats a programming-contest statement as code, not maths', () => {
    const statement = [
      'Given an array of n integers, find the length of the longest strictly increasing subsequence.',
      '',
      'Input format: the first line contains n (1 <= n <= 10^5), the second line contains n integers.',
      'Output format: print a single integer.',
    ].join('\n');
    expect(classOf(statement)).toBe('code');
  });
});

describe('reasoning', () => {
  it('recognises word problems', () => {
    expect(
      classOf(
        'A bakery sells muffins for $3 each and cookies for $1.50 each. Maria buys 4 muffins and 6 cookies and pays with a $20 bill. How much change does she get?',
      ),
    ).toBe('reasoning');
    expect(
      classOf(
        'Two trains leave stations 300 km apart at the same time and travel towards each other at 70 km/h and 80 km/h. After how many hours do they meet?',
      ),
    ).toBe('reasoning');
    expect(
      classOf(
        'A bag contains 5 red and 3 blue marbles. Two marbles are drawn without replacement. What is the probability that both are red?',
      ),
    ).toBe('reasoning');
  });

  it('recognises symbolic problems, TeX and proofs', () => {
    expect(classOf('Solve for x: 3x - 7 = 2x + 5.')).toBe('reasoning');
    expect(classOf('Let $f(x) = x^2 - 4x + 3$. Find all real values of $x$ such that $f(f(x)) = 0$.')).toBe(
      'reasoning',
    );
    expect(classOf('Compute $\\frac{3}{4} + \\sqrt{16}$.')).toBe('reasoning');
    expect(classOf('What is the remainder when 7^100 is divided by 13?')).toBe('reasoning');
    expect(classOf('Prove that the square root of 2 is irrational.')).toBe('reasoning');
  });
});

describe('summary', () => {
  it('recognises a request to summarise a pasted article, before or after it', () => {
    expect(classOf(`${ARTICLE}\n\nSummarize the article above in three sentences.`)).toBe('summary');
    expect(classOf(`TL;DR please:\n\n${ARTICLE}`)).toBe('summary');
    expect(classOf(`What are the key points of this report?\n\n${ARTICLE}`)).toBe('summary');
  });

  it('recognises a question about what a transcript says', () => {
    expect(classOf(`${DIALOGUE}\n\nWhat did the team decide about the launch date?`)).toBe('summary');
  });

  it('does not treat another task over a document as a summary', () => {
    expect(classOf(`Translate the following text into German.\n\n${ARTICLE}`)).toBe('chat');
  });
});

describe('long_context', () => {
  it('decides by length first, whatever the task', () => {
    const document = `${ARTICLE}\n\n`.repeat(Math.ceil(40_000 / (ARTICLE.length + 2)));
    expect(document.length).toBeGreaterThanOrEqual(40_000);
    const result = classifyText(`Summarize this:\n\n${document}`);
    expect(result.taskClass).toBe('long_context');
    expect(result.estimatedTokens).toBeGreaterThanOrEqual(LONG_CONTEXT_TOKENS);
    expect(result.reason).toContain('long context');
  });

  it('counts CJK text as about one token per character', () => {
    const chinese = '会议讨论了新产品的发布时间和预算问题。'.repeat(500);
    expect(chinese.length).toBeLessThan(LONG_CONTEXT_TOKENS * 4);
    expect(classifyText(chinese).taskClass).toBe('long_context');
  });

  it('leaves a short prompt alone', () => {
    expect(classifyText('hello').estimatedTokens).toBeLessThan(5);
  });
});

describe('chat', () => {
  it('is the default for ordinary questions and tasks', () => {
    expect(classOf("What's the capital of Australia?")).toBe('chat');
    expect(classOf('Tell me a joke about penguins.')).toBe('chat');
    expect(classOf('How do I politely decline a wedding invitation?')).toBe('chat');
  });

  it('keeps persona and role-play prompts as chat, even when they mention code or maths', () => {
    expect(
      classOf(
        'I want you to act as a Linux terminal. I will type commands and you will reply with what the terminal should show. Only reply with the terminal output inside one unique code block, and nothing else. My first command is pwd.',
      ),
    ).toBe('chat');
    expect(
      classOf(
        'I want you to act as a travel guide. I will tell you my location and you will suggest places to visit near it. My first request is: I am in Lisbon and want to see museums.',
      ),
    ).toBe('chat');
    expect(
      classOf("Let's role-play: you are a grumpy innkeeper and I am a traveller looking for a room."),
    ).toBe('chat');
  });

  it('does not mistake incidental numbers for maths', () => {
    expect(
      classOf(
        'My daughter turns 7 on March 14 and we expect about 12 kids. Any ideas for a dinosaur-themed party?',
      ),
    ).toBe('chat');
    expect(classOf('How many calories are in a banana?')).toBe('chat');
    expect(classOf('I ran 5 km in 31 minutes yesterday, is that a good time for a beginner?')).toBe('chat');
  });

  it('does not mistake a code of conduct for code', () => {
    expect(classOf('Write a code of conduct for our volunteer hiking club.')).toBe('chat');
  });
});

describe('language', () => {
  it('guesses the dominant script', () => {
    expect(classifyText('Where is the nearest train station?').language).toBe('en');
    expect(classifyText('请帮我写一封感谢信，感谢老师这一年的帮助。').language).toBe('zh');
    expect(classifyText('明日の天気はどうですか？傘を持って行くべきでしょうか。').language).toBe('ja');
    expect(classifyText('오늘 저녁 메뉴 추천해 줄 수 있어요?').language).toBe('ko');
    expect(classifyText('Какая погода будет завтра в Москве?').language).toBe('ru');
    expect(classifyText('ما هي عاصمة فرنسا؟').language).toBe('ar');
    expect(classifyText('12345 !!!').language).toBe('other');
  });
});

describe('complexity, features and reason', () => {
  it('orders a greeting below a multi-constraint design request', () => {
    const greeting = classifyText('hi there');
    const design = classifyText(
      'Design a multi-region active-active architecture for a payments API. It must survive the loss of a whole region without data loss, keep p99 latency under 150 ms, and comply with PCI-DSS. Compare at least two replication strategies, explain the trade-offs, list the failure modes and edge cases, and justify your final choice step by step.',
    );
    expect(greeting.complexity).toBeLessThan(0.1);
    expect(design.complexity).toBeGreaterThan(0.6);
    expect(design.complexity).toBeLessThanOrEqual(1);
  });

  it('reports a small flat record of finite numbers and an ASCII reason', () => {
    for (const text of ['hi', `${ARTICLE}\n\nTL;DR:`, 'Solve 2x + 1 = 7.', 'Привет, как дела? 你好', '']) {
      const result = classifyText(text);
      const values = Object.values(result.features);
      expect(values.length).toBeGreaterThan(0);
      expect(values.length).toBeLessThanOrEqual(24);
      for (const value of values) expect(Number.isFinite(value)).toBe(true);
      expect(result.reason).toMatch(/^[\x20-\x7e]+$/);
      expect(result.reason).toContain(
        `-> ${result.taskClass === 'long_context' ? 'long context' : result.taskClass}`,
      );
    }
  });

  it('is deterministic', () => {
    const text = `${ARTICLE}\n\nWhat did the council decide?`;
    expect(classifyText(text)).toEqual(classifyText(text));
  });
});
