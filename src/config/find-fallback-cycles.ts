/**
 * Every cycle in the fallback graph, each as the walk that closes it (`['fast', 'smart', 'fast']`).
 * Walks start from models in declaration order and each model is walked once, so each cycle is
 * reported once, starting at the first of its members that the walk reaches. Edges to unknown
 * models are ignored (they are reported separately).
 */
export function findFallbackCycles(fallbacks: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const onPath = new Set<string>();
  const path: string[] = [];

  const visit = (model: string): void => {
    onPath.add(model);
    path.push(model);
    for (const next of fallbacks.get(model) ?? []) {
      if (!fallbacks.has(next) || done.has(next)) continue;
      if (onPath.has(next)) cycles.push([...path.slice(path.indexOf(next)), next]);
      else visit(next);
    }
    path.pop();
    onPath.delete(model);
    done.add(model);
  };

  for (const model of fallbacks.keys()) if (!done.has(model)) visit(model);
  return cycles;
}
