import type { Environment } from '../providers/presets/types.js';
import { type ConfigPath, formatPath } from './format-path.js';

/** The interpolated tree and the paths whose values could not be interpolated. */
export interface InterpolationResult {
  value: unknown;
  issues: string[];
  /** Formatted paths that failed, so schema errors at the same place are not reported twice. */
  failedPaths: Set<string>;
}

const variableName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every string scalar of an already parsed YAML tree.
 * Working on parsed values (not on the file text) means a value full of quotes, colons or `#`
 * cannot change the YAML structure. `$${` writes a literal `${`. As in the shell, `:-` also
 * applies when the variable is set but empty. Keys are not interpolated.
 */
export function interpolateEnvironment(tree: unknown, env: Environment): InterpolationResult {
  const issues: string[] = [];
  const failedPaths = new Set<string>();
  const visit = (node: unknown, path: ConfigPath): unknown => {
    if (typeof node === 'string') {
      const result = interpolateString(node, env);
      if (result.problems.length === 0) return result.text;
      const formatted = formatPath(path);
      failedPaths.add(formatted);
      for (const problem of result.problems) issues.push(`${formatted}: ${problem}`);
      return node;
    }
    if (Array.isArray(node)) return node.map((item, index) => visit(item, [...path, index]));
    if (isPlainObject(node)) {
      const copy: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(node)) copy[key] = visit(child, [...path, key]);
      return copy;
    }
    return node;
  };
  return { value: visit(tree, []), issues, failedPaths };
}

/** Interpolates one string; problems name the variable, never its value. */
export function interpolateString(text: string, env: Environment): { text: string; problems: string[] } {
  const problems: string[] = [];
  let output = '';
  let index = 0;
  while (index < text.length) {
    const start = text.indexOf('$', index);
    if (start === -1) break;
    output += text.slice(index, start);
    if (text.startsWith('$${', start)) {
      output += '${';
      index = start + 3;
      continue;
    }
    if (!text.startsWith('${', start)) {
      output += '$';
      index = start + 1;
      continue;
    }
    const end = text.indexOf('}', start + 2);
    if (end === -1) {
      problems.push(`unterminated "\${" (write "$\${" for a literal "\${")`);
      return { text, problems };
    }
    const reference = text.slice(start + 2, end);
    output += substitute(reference, env, problems);
    index = end + 1;
  }
  output += text.slice(index);
  return { text: output, problems };
}

function substitute(reference: string, env: Environment, problems: string[]): string {
  const separator = reference.indexOf(':-');
  const name = separator === -1 ? reference : reference.slice(0, separator);
  if (!variableName.test(name)) {
    problems.push(`invalid variable reference "\${${reference}}" (expected \${NAME} or \${NAME:-default})`);
    return '';
  }
  const value = env[name];
  if (separator !== -1) {
    return value === undefined || value === '' ? reference.slice(separator + 2) : value;
  }
  if (value === undefined) {
    problems.push(`environment variable ${name} is not set`);
    return '';
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
