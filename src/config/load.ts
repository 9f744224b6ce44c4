import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import type { Environment } from '../providers/presets/types.js';
import { ConfigError } from './config-error.js';
import { formatPath } from './format-path.js';
import { interpolateEnvironment } from './interpolate.js';
import { protectReferences, restoreReferences } from './reference-guard.js';
import { configSchema, type RawConfig } from './schema.js';

/**
 * Parses switchyard.yaml text: YAML → `${VAR}` interpolation of string scalars → strict schema.
 * Throws one `ConfigError` listing every problem as `path: message`; YAML syntax errors are
 * reported as `source:line:column: message`.
 */
export function loadConfigText(text: string, env: Environment, sourceName: string): RawConfig {
  const lineCounter = new LineCounter();
  const document = parseDocument(protectReferences(text), {
    prettyErrors: false,
    uniqueKeys: true,
    lineCounter,
  });
  if (document.errors.length > 0) {
    const issues = document.errors.map((error) => {
      const position = lineCounter.linePos(error.pos[0]);
      return `${sourceName}:${position.line}:${position.col}: ${error.message.split('\n')[0]}`;
    });
    throw new ConfigError(issues, sourceName);
  }
  const tree = restoreReferences(document.toJS({ maxAliasCount: 100 }));
  if (tree !== null && tree !== undefined && (typeof tree !== 'object' || Array.isArray(tree))) {
    const sections = Object.keys(configSchema.shape).join(', ');
    throw new ConfigError([`(root): expected a mapping of sections (${sections})`], sourceName);
  }
  const interpolated = interpolateEnvironment(dropEmptySections(tree), env);
  const parsed = configSchema.safeParse(interpolated.value, { reportInput: true });
  const schemaIssues = parsed.success
    ? []
    : parsed.error.issues
        .flatMap(formatSchemaIssue)
        .filter((issue) => !interpolated.failedPaths.has(issue.path));
  const issues = [...interpolated.issues, ...schemaIssues.map((issue) => `${issue.path}: ${issue.message}`)];
  if (issues.length > 0 || !parsed.success) throw new ConfigError(issues, sourceName);
  return parsed.data;
}

/** Reads and parses a config file; a missing or unreadable file is a `ConfigError` naming it. */
export function loadConfigFile(path: string, env: Environment): RawConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    const reason = code === 'ENOENT' ? 'file not found' : `cannot read the file (${code || String(error)})`;
    throw new ConfigError([`${path}: ${reason}`], path);
  }
  return loadConfigText(text, env, path);
}

/** An empty file, or a section left empty (`models:` with nothing under it), means "not configured". */
function dropEmptySections(tree: unknown): Record<string, unknown> {
  if (tree === null || tree === undefined || typeof tree !== 'object') return {};
  const sections: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(tree)) {
    if (value !== null) sections[key] = value;
  }
  return sections;
}

interface PathIssue {
  path: string;
  message: string;
}

/** One zod issue as user-facing lines; never echoes a value, since values may be secrets. */
function formatSchemaIssue(issue: z.core.$ZodIssue): PathIssue[] {
  if (issue.code === 'unrecognized_keys') {
    const message =
      issue.path.length === 0
        ? `unknown section (known: ${Object.keys(configSchema.shape).join(', ')})`
        : 'unknown key';
    return issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message }));
  }
  const path = formatPath(issue.path);
  if (issue.code === 'invalid_type' && 'input' in issue && issue.input === undefined) {
    return [{ path, message: `required (expected ${issue.expected})` }];
  }
  const message = issue.message.replace(/^(Invalid input|Invalid option|Too small|Too big): /, '');
  // A missing enum (`strategy:` left out) is reported by zod as a wrong value, which it is not.
  if (issue.code === 'invalid_value' && 'input' in issue && issue.input === undefined) {
    return [{ path, message: `required (${message})` }];
  }
  return [{ path, message }];
}
