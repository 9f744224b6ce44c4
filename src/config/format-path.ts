/** A location inside the configuration tree: keys and array indexes. */
export type ConfigPath = readonly PropertyKey[];

/** Keys that read unambiguously after a dot: letters, digits, `_` and `-`. */
const plainKey = /^[\p{L}\p{N}_-]+$/u;

/**
 * Renders a path the way users read their YAML: `models.fast.targets[1].provider`. Any other key
 * (with dots, spaces, brackets, or the `/` and `:` of policy names like `smart/balanced`) is
 * quoted, so where the key ends is never in doubt: `routing.policies["smart/balanced"].strategy`.
 */
export function formatPath(path: ConfigPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      text += `[${segment}]`;
      continue;
    }
    const key = String(segment);
    if (!plainKey.test(key)) text += `[${JSON.stringify(key)}]`;
    else text += text === '' ? key : `.${key}`;
  }
  return text === '' ? '(root)' : text;
}
