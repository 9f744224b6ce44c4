import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DatabaseSchema } from './schema.js';
import { runStoreOperation } from './store-error.js';

/** What usage can be grouped by; `model` is the served model, `day` the UTC day of `created_at`. */
export const usageDimensions = ['key', 'team', 'end_user', 'model', 'provider', 'feature', 'day'] as const;
export type UsageDimension = (typeof usageDimensions)[number];

/** Filters; `from` is inclusive and `to` exclusive (milliseconds since the epoch). */
export interface UsageFilter {
  from?: number;
  to?: number;
  keyId?: string;
  teamId?: string;
  endUser?: string;
  model?: string;
  provider?: string;
  feature?: string;
}

export interface UsageQuery extends UsageFilter {
  groupBy: readonly UsageDimension[];
  limit: number;
  offset: number;
}

/** Sums over a set of log rows. Money is integer micro-dollars. */
export interface UsageTotals {
  requests: number;
  /** Sum of known costs; rows without a known cost are not in it (see `unpricedRequests`). */
  costMicros: number;
  /** Rows that used tokens but whose price was unknown (cost null): not counted as zero. */
  unpricedRequests: number;
  /** Rows answered with an error status (>= 400). */
  errorRequests: number;
  inputTokens: number;
  outputTokens: number;
  /**
   * What the requests priced on both sides would have cost on the baseline model, and that minus
   * what they did cost (rows without a baseline or a cost are left out of both).
   */
  baselineCostMicros: number;
  savingsMicros: number;
}

export interface UsageGroup extends UsageTotals {
  /** The value of each grouped dimension (`day` as the day number since 1970-01-01 UTC). */
  group: Partial<Record<UsageDimension, string | number | null>>;
}

export interface UsageRepository {
  /** One page of groups in a stable order (by every grouped column), plus whether more follow. */
  groups(query: UsageQuery): Promise<{ groups: UsageGroup[]; hasMore: boolean }>;
  /** Totals over every row the filter matches. */
  totals(filter: UsageFilter): Promise<UsageTotals>;
}

export const dayMs = 86_400_000;

// Portable SQL only: CASE, SUM, COUNT and integer division exist alike in SQLite and PostgreSQL
// (bigint / bigint truncates in both, and created_at is never negative).
const dimensionColumns: Record<UsageDimension, RawBuilder<unknown>> = {
  key: sql`key_id`,
  team: sql`team_id`,
  end_user: sql`end_user`,
  model: sql`served_model`,
  provider: sql`provider`,
  feature: sql`feature`,
  day: sql`(created_at / ${sql.lit(dayMs)})`,
};

export function createUsageRepository(db: Kysely<DatabaseSchema>): UsageRepository {
  function filtered(filter: UsageFilter) {
    let builder = db.selectFrom('request_log');
    if (filter.from !== undefined) builder = builder.where('created_at', '>=', filter.from);
    if (filter.to !== undefined) builder = builder.where('created_at', '<', filter.to);
    if (filter.keyId !== undefined) builder = builder.where('key_id', '=', filter.keyId);
    if (filter.teamId !== undefined) builder = builder.where('team_id', '=', filter.teamId);
    if (filter.endUser !== undefined) builder = builder.where('end_user', '=', filter.endUser);
    if (filter.model !== undefined) builder = builder.where('served_model', '=', filter.model);
    if (filter.provider !== undefined) builder = builder.where('provider', '=', filter.provider);
    if (filter.feature !== undefined) builder = builder.where('feature', '=', filter.feature);
    return builder.select([
      sql<number>`count(*)`.as('requests'),
      sql<number | null>`sum(cost_micros)`.as('cost_micros'),
      sql<
        number | null
      >`sum(case when cost_micros is null and (input_tokens is not null or output_tokens is not null) then 1 else 0 end)`.as(
        'unpriced_requests',
      ),
      sql<number | null>`sum(case when status >= 400 then 1 else 0 end)`.as('error_requests'),
      sql<number | null>`sum(input_tokens)`.as('input_tokens'),
      sql<number | null>`sum(output_tokens)`.as('output_tokens'),
      sql<number | null>`sum(case when cost_micros is not null then baseline_cost_micros end)`.as(
        'baseline_cost_micros',
      ),
      sql<number | null>`sum(case when baseline_cost_micros is not null then cost_micros end)`.as(
        'compared_cost_micros',
      ),
    ]);
  }

  return {
    groups(query) {
      return runStoreOperation('query usage', async () => {
        const dimensions = [...new Set(query.groupBy)];
        let builder = filtered(query).select(
          dimensions.map((dimension) => dimensionColumns[dimension].as(`g_${dimension}`)),
        );
        for (const dimension of dimensions) builder = builder.groupBy(dimensionColumns[dimension]);
        // NULL sorts first in SQLite and last in PostgreSQL; either way the order is total and
        // repeatable for one backend, which is all offset pagination needs.
        for (const dimension of dimensions) builder = builder.orderBy(dimensionColumns[dimension]);
        const rows = await builder
          .limit(query.limit + 1)
          .offset(query.offset)
          .execute();
        const page = rows.slice(0, query.limit).map((row) => {
          const record = row as Record<string, unknown>;
          const group: UsageGroup['group'] = {};
          for (const dimension of dimensions)
            group[dimension] = groupValue(dimension, record[`g_${dimension}`]);
          return { group, ...toTotals(record) };
        });
        return { groups: page, hasMore: rows.length > query.limit };
      });
    },
    totals(filter) {
      return runStoreOperation('query usage totals', async () => {
        const row = await filtered(filter).executeTakeFirstOrThrow();
        return toTotals(row as Record<string, unknown>);
      });
    },
  };
}

// Number(): PostgreSQL returns SUM over bigint as numeric (a string); SUM over no rows is NULL.
function toTotals(row: Record<string, unknown>): UsageTotals {
  return {
    requests: toInteger(row.requests),
    costMicros: toInteger(row.cost_micros),
    unpricedRequests: toInteger(row.unpriced_requests),
    errorRequests: toInteger(row.error_requests),
    inputTokens: toInteger(row.input_tokens),
    outputTokens: toInteger(row.output_tokens),
    baselineCostMicros: toInteger(row.baseline_cost_micros),
    savingsMicros: toInteger(row.baseline_cost_micros) - toInteger(row.compared_cost_micros),
  };
}

function toInteger(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

function groupValue(dimension: UsageDimension, value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  return dimension === 'day' ? Number(value) : String(value);
}
