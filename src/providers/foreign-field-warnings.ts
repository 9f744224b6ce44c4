import type { CanonRequest, Warning } from '../canon/index.js';
import { type ForeignField, listForeignFields } from '../codecs/shared/foreign-fields.js';

/**
 * One warning per caller field a native protocol that is none of the hub's API shapes (Cohere, Bedrock)
 * cannot take: every other shape's vendor fields and every `ext` entry not in `families`.
 * `listForeignFields` skips the vendor fields of the shape it is told is "own"; such a protocol owns no
 * shape, so two passes with different "own" shapes together list them all.
 */
export function foreignFieldWarnings(
  request: CanonRequest,
  families: ReadonlySet<string>,
  target: string,
): Warning[] {
  const found: ForeignField[] = [
    ...listForeignFields(request, 'gemini', families),
    ...listForeignFields(request, 'openai-chat', families).filter(
      (field) => field.kind === 'vendor' && field.origin === 'gemini',
    ),
  ];
  return found.map((field) => ({
    code: 'unsupported-parameter',
    field: field.field,
    message: `${field.field} (${field.kind === 'ext' ? `a ${field.origin} parameter` : `a ${field.origin} field`}) has no ${target} equivalent; not sent.`,
  }));
}
