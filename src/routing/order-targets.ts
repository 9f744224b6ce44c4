/**
 * Orders candidates by weight. Equal weights keep the configured order (priority); unequal weights pick
 * the order by weighted random draws without replacement, so traffic splits by weight.
 */
export function orderTargets<T extends { weight: number }>(targets: T[], random: () => number): T[] {
  if (targets.length < 2 || targets.every((target) => target.weight === targets[0]?.weight)) return targets;
  const remaining = [...targets];
  const ordered: T[] = [];
  while (remaining.length > 0) {
    const total = remaining.reduce((sum, target) => sum + target.weight, 0);
    let draw = random() * total;
    let index = 0;
    for (; index < remaining.length - 1; index++) {
      draw -= (remaining[index] as T).weight;
      if (draw < 0) break;
    }
    ordered.push(...remaining.splice(index, 1));
  }
  return ordered;
}
