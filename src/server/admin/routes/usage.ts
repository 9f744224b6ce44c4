import { createHash } from 'node:crypto';
import { z } from 'zod';
import { GatewayError } from '../../../canon/index.js';
import { dayMs, type UsageDimension, type UsageTotals, usageDimensions } from '../../../store/index.js';
import type { AdminDependencies } from '../admin-dependencies.js';
import { type AdminRoute, defineRoute, noBody } from '../route-spec.js';
import { instantSchema, pageQuery } from '../schemas.js';

const groupBySchema = z
  .string()
  .transform((text, context) => {
    const parts = text
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    const unknown = parts.filter((part) => !(usageDimensions as readonly string[]).includes(part));
    if (unknown.length > 0) {
      context.addIssue({
        code: 'custom',
        message: `unknown dimension ${unknown.join(', ')} (known: ${usageDimensions.join(', ')})`,
      });
      return z.NEVER;
    }
    return [...new Set(parts)] as UsageDimension[];
  })
  .describe(`Comma-separated dimensions: ${usageDimensions.join(', ')}. Omitted: one row of totals.`);

const usageQuery = z.strictObject({
  group_by: groupBySchema.optional(),
  from: instantSchema.optional().describe('Inclusive start (ISO 8601 or epoch ms).'),
  to: instantSchema.optional().describe('Exclusive end (ISO 8601 or epoch ms).'),
  key_id: z.string().min(1).optional(),
  team_id: z.string().min(1).optional(),
  end_user: z.string().min(1).optional(),
  model: z.string().min(1).optional().describe('The served model.'),
  provider: z.string().min(1).optional(),
  feature: z.string().min(1).optional().describe('The `metadata.feature` tag of requests.'),
  ...pageQuery(1000, 100),
});

const totalsShape = {
  requests: z.number().int(),
  cost_micros: z.number().int().describe('Sum of known costs in micro-dollars (1e-6 USD).'),
  cost_usd: z.string().describe('`cost_micros` as a decimal USD string.'),
  unpriced_requests: z
    .number()
    .int()
    .describe('Requests that used tokens at an unknown price: not in cost_micros, not counted as zero.'),
  error_requests: z.number().int(),
  input_tokens: z.number().int(),
  output_tokens: z.number().int(),
  baseline_cost_micros: z
    .number()
    .int()
    .describe('What the requests priced on both sides would have cost on the baseline model.'),
  savings_micros: z.number().int().describe('baseline_cost_micros minus the cost of those same requests.'),
};

const groupValue = z.union([z.string(), z.null()]);

const usageResponse = z.object({
  object: z.literal('usage'),
  group_by: z.array(z.enum(usageDimensions)),
  from: z.string().nullable(),
  to: z.string().nullable(),
  data: z.array(
    z.object({
      group: z
        .record(z.string(), groupValue)
        .describe('The value of each grouped dimension; `day` as YYYY-MM-DD (UTC); null when not recorded.'),
      ...totalsShape,
    }),
  ),
  total: z.object(totalsShape).describe('Over every matching request, not only this page.'),
  has_more: z.boolean(),
  next_cursor: z.string().nullable(),
});

export function usageRoutes(deps: AdminDependencies): AdminRoute[] {
  return [
    defineRoute({
      method: 'GET',
      path: '/admin/v1/usage',
      tag: 'usage',
      summary: 'Spend, requests and tokens grouped by key, team, end user, model, provider, feature and day',
      query: usageQuery,
      body: noBody,
      response: usageResponse,
      async handle({ query }) {
        const groupBy = query.group_by ?? [];
        const filter = {
          ...(query.from === undefined ? {} : { from: query.from }),
          ...(query.to === undefined ? {} : { to: query.to }),
          ...(query.key_id === undefined ? {} : { keyId: query.key_id }),
          ...(query.team_id === undefined ? {} : { teamId: query.team_id }),
          ...(query.end_user === undefined ? {} : { endUser: query.end_user }),
          ...(query.model === undefined ? {} : { model: query.model }),
          ...(query.provider === undefined ? {} : { provider: query.provider }),
          ...(query.feature === undefined ? {} : { feature: query.feature }),
        };
        // The cursor carries the offset and a fingerprint of the query it belongs to, so a cursor
        // reused with other filters is refused instead of silently skipping groups.
        const fingerprint = createHash('sha256')
          .update(JSON.stringify({ groupBy, filter }))
          .digest('hex')
          .slice(0, 12);
        const offset = query.cursor === undefined ? 0 : decodeCursor(query.cursor, fingerprint);
        const [page, total] = await Promise.all([
          deps.usage.groups({ ...filter, groupBy, limit: query.limit, offset }),
          deps.usage.totals(filter),
        ]);
        return {
          object: 'usage' as const,
          group_by: groupBy,
          from: query.from === undefined ? null : new Date(query.from).toISOString(),
          to: query.to === undefined ? null : new Date(query.to).toISOString(),
          data: page.groups.map((row) => ({ group: describeGroup(row.group), ...describeTotals(row) })),
          total: describeTotals(total),
          has_more: page.hasMore,
          next_cursor: page.hasMore ? encodeCursor(offset + page.groups.length, fingerprint) : null,
        };
      },
    }),
  ];
}

function describeTotals(totals: UsageTotals) {
  return {
    requests: totals.requests,
    cost_micros: totals.costMicros,
    cost_usd: microsToUsd(totals.costMicros),
    unpriced_requests: totals.unpricedRequests,
    error_requests: totals.errorRequests,
    input_tokens: totals.inputTokens,
    output_tokens: totals.outputTokens,
    baseline_cost_micros: totals.baselineCostMicros,
    savings_micros: totals.savingsMicros,
  };
}

function describeGroup(group: Partial<Record<UsageDimension, string | number | null>>) {
  const described: Record<string, string | null> = {};
  for (const [dimension, value] of Object.entries(group)) {
    described[dimension] =
      value === null || value === undefined
        ? null
        : dimension === 'day'
          ? new Date(Number(value) * dayMs).toISOString().slice(0, 10)
          : String(value);
  }
  return described;
}

/** Exact decimal text of integer micro-dollars (no float rounding). */
export function microsToUsd(micros: number): string {
  const sign = micros < 0 ? '-' : '';
  const absolute = Math.abs(micros);
  return `${sign}${Math.floor(absolute / 1_000_000)}.${String(absolute % 1_000_000).padStart(6, '0')}`;
}

function encodeCursor(offset: number, fingerprint: string): string {
  return Buffer.from(`${offset}:${fingerprint}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, fingerprint: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^(\d{1,9}):([0-9a-f]{12})$/.exec(text);
  if (match === null || match[2] !== fingerprint) {
    throw new GatewayError(
      'invalid_request',
      'cursor does not belong to this query: start again without it',
      {
        param: 'cursor',
      },
    );
  }
  return Number(match[1]);
}
