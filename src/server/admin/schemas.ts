import { z } from 'zod';
import { policyDocumentSchema } from '../../governance/policy.js';

/** Shared pieces of the admin API's request and response schemas. */

/** Operator-chosen ids (teams, plans): lowercase slugs, safe in URLs and logs. */
export const slugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'must be a slug: lowercase letters, digits, - and _, at most 63')
  .describe('A slug such as `free`, `starter` or `team-search`.');

export const nameSchema = z.string().trim().min(1).max(200);

export const metadataSchema = z
  .record(z.string().min(1).max(64), z.string().max(512))
  .refine((value) => Object.keys(value).length <= 32, 'at most 32 entries')
  .describe('String tags, at most 32.');

export const policySchema = policyDocumentSchema.describe(
  'Limits (rpm, tpm, concurrency), end-user limits, USD budgets per day, month or total, prepaid credits and the savings baseline model.',
);

/** An instant: ISO 8601 text or integer milliseconds since the epoch (as text in a query string). */
export const instantSchema = z
  .union([z.string(), z.number().int().nonnegative()])
  .transform((value, context) => {
    const ms = typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : Date.parse(value);
    if (!Number.isSafeInteger(ms) || ms < 0) {
      context.addIssue({ code: 'custom', message: 'expected an ISO 8601 time or milliseconds since 1970' });
      return z.NEVER;
    }
    return ms;
  })
  .describe('ISO 8601 time (`2026-11-25T00:00:00Z`) or milliseconds since the epoch.');

/** `limit` and `cursor` query parameters of list endpoints. */
export function pageQuery(maxLimit: number, defaultLimit: number) {
  return {
    limit: z
      .string()
      .regex(/^\d+$/, 'expected a whole number')
      .transform(Number)
      .pipe(z.number().int().min(1).max(maxLimit))
      .optional()
      .transform((value) => value ?? defaultLimit)
      .describe(`Items per page, 1..${maxLimit} (default ${defaultLimit}).`),
    cursor: z.string().min(1).max(512).optional().describe('`next_cursor` of the previous page.'),
  };
}

export const isoTime = z.string().describe('ISO 8601 time (UTC).');

export function listOf<Item extends z.ZodType>(item: Item) {
  return z.object({
    object: z.literal('list'),
    data: z.array(item),
    has_more: z.boolean(),
    /** Pass as `cursor` to get the next page; null on the last page. */
    next_cursor: z.string().nullable(),
  });
}

export const deletedSchema = z.object({ id: z.string(), object: z.string(), deleted: z.literal(true) });

export const errorSchema = z.object({
  error: z.object({ type: z.string(), message: z.string(), param: z.string().nullable() }),
});

export function toIso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** Keyset page over ids: fetch one more than asked to learn whether another page follows. */
export function pageOf<Row, Item>(
  rows: readonly Row[],
  limit: number,
  idOf: (row: Row) => string,
  toItem: (row: Row) => Item,
) {
  const page = rows.slice(0, limit);
  const hasMore = rows.length > limit;
  const last = page.at(-1);
  return {
    object: 'list' as const,
    data: page.map(toItem),
    has_more: hasMore,
    next_cursor: hasMore && last !== undefined ? idOf(last) : null,
  };
}
