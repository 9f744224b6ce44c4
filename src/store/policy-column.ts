import { GatewayError } from '../canon/errors.js';
import { type PolicyDocument, policyDocumentSchema } from '../governance/policy.js';
import { parseJsonColumn } from './store-error.js';

export type { PolicyDocument };

/** Reads a JSON policy column, failing loudly when what is stored no longer matches the schema. */
export function parsePolicyColumn(text: string | null, column: string): PolicyDocument | null {
  if (text === null) return null;
  const parsed = policyDocumentSchema.safeParse(parseJsonColumn(text, column));
  if (!parsed.success) {
    throw new GatewayError(
      'internal',
      `store: column ${column} holds an invalid policy: ${parsed.error.message}`,
    );
  }
  return parsed.data;
}
