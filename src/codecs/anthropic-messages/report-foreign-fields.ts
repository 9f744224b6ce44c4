import type { CanonRequest, Warning } from '../../canon/index.js';
import { listForeignFields } from '../shared/foreign-fields.js';
import { anthropicShape } from './vendor-fields.js';

const ownFamilies: ReadonlySet<string> = new Set(['anthropic']);

/**
 * One warning per field of another API shape (`vendor`) or another provider family (`ext`) that an
 * Anthropic upstream cannot take: these fields are dropped, never silently. `extraFamilies` are the
 * provider names an adapter answers to besides `anthropic` (their `ext` entries were merged already).
 */
export function reportForeignFields(
  request: CanonRequest,
  warnings: Warning[],
  families: ReadonlySet<string> = ownFamilies,
): void {
  for (const foreign of listForeignFields(request, anthropicShape, families)) {
    const what = foreign.kind === 'ext' ? `${foreign.origin} parameter` : `${foreign.origin} field`;
    warnings.push(dropped(foreign.field, what));
  }
}

function dropped(field: string, what: string): Warning {
  return {
    code: 'unsupported-parameter',
    field,
    message: `${field} (${what}) has no Anthropic Messages equivalent; dropped.`,
  };
}
