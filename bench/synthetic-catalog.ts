/** A catalog document of `count` simulator models with spread prices, windows and qualities (for scale tests). */
export function syntheticCatalog(count: number): { version: string; models: unknown[] } {
  const models = Array.from({ length: count }, (_, index) => ({
    provider: 'simulator',
    model: `synthetic-${index}`,
    inputPerMillion: 0.05 + (index % 97) * 0.11,
    outputPerMillion: 0.2 + (index % 89) * 0.37,
    cachedInputPerMillion: null,
    contextWindow: 8192 * (1 + (index % 16)),
    maxOutputTokens: 8192,
    capabilities: {
      tools: index % 3 !== 0,
      vision: index % 5 === 0,
      jsonSchema: index % 2 === 0,
      reasoning: index % 7 === 0,
      streaming: true,
    },
    quality: index % 100,
    priceDate: '2026-11-25',
  }));
  return { version: `synthetic-${count}`, models };
}
