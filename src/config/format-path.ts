/** A location inside the configuration tree: keys and array indexes. */
export type ConfigPath = readonly PropertyKey[];

/**
 * Renders a path the way users read their YAML: `models.fast.targets[1].provider`. Keys that would
 * be ambiguous after a dot (containing dots, spaces or brackets) are quoted: `headers["a.b"]`.
 */
export function formatPath(path: ConfigPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      text += `[${segment}]`;
      continue;
    }
    const key = String(segment);
    if (key === '' || /[.\s[\]"]/.test(key)) text += `[${JSON.stringify(key)}]`;
    else text += text === '' ? key : `.${key}`;
  }
  return text === '' ? '(root)' : text;
}
