import { describe, expect, it } from 'vitest';
import { analyzePrompt } from './analyze-prompt.js';

describe('scanText (via analyzePrompt)', () => {
  it('counts structure: code lines, fences, list items, speakers, brace-terminated lines', () => {
    const { scan } = analyzePrompt(
      [
        'Steps:',
        '1. install',
        '- run',
        '```ts',
        'const total = values.reduce((sum, value) => sum + value, 0);',
        'if (total > 10) {',
        '  return total;',
        '}',
        '```',
        'Alice: looks fine to me',
      ].join('\n'),
    );
    expect(scan.listLines).toBe(2);
    expect(scan.fenceLines).toBe(2);
    expect(scan.codeLines).toBe(3);
    expect(scan.braceEndLines).toBe(4);
    expect(scan.speakerLines).toBe(1);
    expect(scan.indentedLines).toBe(1);
  });

  it('counts numbers, arithmetic, money and TeX, but not dates or hyphenated words', () => {
    const { scan, cues } = analyzePrompt(
      'On 2024-05-01 a well-known shop sold 3 pens at $2.50: 3 * 2.5 = 7.5, and $\\frac{1}{2}$.',
    );
    // 2024, 05, 01, 3, 2.50, 3, 2.5, 7.5, 1, 2
    expect(scan.numberTokens).toBe(10);
    expect(scan.operators).toBe(2);
    expect(scan.moneyAmounts).toBe(1);
    expect(cues.texCommands).toBe(1);
  });

  it('matches phrases across hyphens and typographic apostrophes', () => {
    const { cues } = analyzePrompt(
      'Let’s play a game. You role-play a pirate; explain it step-by-step, then a TL;DR.',
    );
    expect(cues.persona).toBe(2);
    expect(cues.demands).toBe(1);
    expect(cues.summaryStrong).toBe(1);
  });

  it('finds requests for code within a sentence, but not across sentences or in "code of conduct"', () => {
    expect(analyzePrompt('Please write, in Python, a small function to parse dates.').cues.codeRequests).toBe(
      1,
    );
    expect(
      analyzePrompt('Write to me soon. The function of the heart is to pump blood.').cues.codeRequests,
    ).toBe(0);
    expect(analyzePrompt('Write a code of conduct and a dress code for the office.').cues.codeRequests).toBe(
      0,
    );
    expect(analyzePrompt('Can you explain C++ and C# templates?').cues.codeLanguages).toBe(2);
  });

  it('only reads the head and tail of a long text, and says how much it read', () => {
    const filler = 'word '.repeat(4_000);
    const analysis = analyzePrompt(`Summarize this.\n${filler}\nThanks!`);
    expect(analysis.totalChars).toBeGreaterThan(20_000);
    expect(analysis.scan.chars).toBeLessThanOrEqual(8_192);
    expect(analysis.cues.summaryStrong).toBe(1);
  });

  it('finds the instruction around a document and the document size', () => {
    const body = 'The committee met on Monday and approved the new budget for parks and libraries. '.repeat(
      12,
    );
    const analysis = analyzePrompt(`${body}\n\nWhat did the committee decide?`);
    expect(analysis.documentChars).toBeGreaterThan(900);
    expect(analysis.cues.contentQuestions).toBe(1);
  });
});
