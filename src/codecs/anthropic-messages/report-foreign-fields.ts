import type { CanonRequest, Warning } from '../../canon/index.js';
import { anthropicShape } from './vendor-fields.js';

/**
 * One warning per field of another API shape (`vendor`) or another provider family (`ext`) that an
 * Anthropic upstream cannot take: these fields are dropped, never silently.
 */
export function reportForeignFields(request: CanonRequest, warnings: Warning[]): void {
  for (const [shape, fields] of Object.entries(request.vendor)) {
    if (shape === anthropicShape || !fields) continue;
    for (const field of Object.keys(fields)) warnings.push(dropped(field, `${shape} field`));
  }
  request.messages.forEach((message, index) => {
    for (const [shape, fields] of Object.entries(message.vendor ?? {})) {
      if (shape === anthropicShape || !fields) continue;
      for (const field of Object.keys(fields))
        warnings.push(dropped(`messages[${index}].${field}`, `${shape} field`));
    }
  });
  for (const [family, fields] of Object.entries(request.ext ?? {})) {
    if (family === 'anthropic') continue;
    for (const field of Object.keys(fields))
      warnings.push(dropped(`ext.${family}.${field}`, `${family} parameter`));
  }
}

function dropped(field: string, what: string): Warning {
  return {
    code: 'unsupported-parameter',
    field,
    message: `${field} (${what}) has no Anthropic Messages equivalent; dropped.`,
  };
}
