import type { Insertable, Kysely, Selectable } from 'kysely';
import { GatewayError } from '../canon/errors.js';
import type { DatabaseSchema, RequestLogTable } from './schema.js';
import { parseStringRecord, runStoreOperation, toJsonColumn } from './store-error.js';

/** How a request ended, as logged. */
export type RequestOutcome = 'success' | 'error' | 'incomplete' | 'aborted';

const outcomes: ReadonlySet<string> = new Set<RequestOutcome>(['success', 'error', 'incomplete', 'aborted']);

/** One `request_log` row in camelCase; 0/1 columns become booleans and `metadata` a parsed object. */
export interface RequestLogRow {
  /** The request id. */
  id: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  keyId: string | null;
  /** The ingress API shape (e.g. `openai-chat`). */
  shape: string;
  requestedModel: string | null;
  provider: string | null;
  servedModel: string | null;
  /** HTTP status returned to the caller. */
  status: number;
  outcome: RequestOutcome;
  errorKind: string | null;
  errorMessage: string | null;
  stream: boolean;
  latencyMs: number;
  ttftMs: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cachedTokens: number | null;
  reasoningTokens: number | null;
  /** Integer micro-dollars; null when the price is unknown (never 0 for unknown). */
  costMicros: number | null;
  /** Upstream attempts made. */
  attempts: number;
  fallbackUsed: boolean;
  routeReason: string | null;
  /** The attempt records, already serialised as JSON. */
  attemptsJson: string | null;
  endUser: string | null;
  metadata: Record<string, string> | null;
  /** True when token counts are the gateway's estimate, not the provider's report. */
  usageEstimated: boolean;
  /** The router's decision trace as JSON (form, classification, candidates kept or skipped and why). */
  routeTrace: string | null;
  /** The key's team at the time of the request. */
  teamId: string | null;
  /** `metadata.feature`, for grouping usage by feature. */
  feature: string | null;
  /** The same usage priced on the baseline model (micro-dollars); null when either price is unknown. */
  baselineCostMicros: number | null;
}

/** A page request over the log, newest first. `beforeId` breaks ties on equal `beforeCreatedAt`. */
export interface RequestLogQuery {
  limit: number;
  /** Only rows older than this (exclusive), or equal to it with an id below `beforeId`. */
  beforeCreatedAt?: number;
  beforeId?: string;
  keyId?: string;
}

/** Reads and appends `request_log`; appends come from the write-behind queue, never the hot path. */
export interface RequestLogRepository {
  /** Inserts every row atomically; re-appending an existing id is a no-op, so retried batches are safe. */
  appendMany(rows: readonly RequestLogRow[]): Promise<void>;
  /** Newest first. */
  list(query: RequestLogQuery): Promise<RequestLogRow[]>;
  count(): Promise<number>;
  findById(id: string): Promise<RequestLogRow | undefined>;
  /** Priced spend since `sinceMs` per key, team and end user (start-up seeding of budget counters). */
  spendSince(sinceMs: number): Promise<AttributedSpend[]>;
}

/** Spend of one key / team / end-user combination, in micro-dollars. */
export interface AttributedSpend {
  keyId: string | null;
  teamId: string | null;
  endUser: string | null;
  micros: number;
}

/** Options for {@link createRequestLogRepository}. */
export interface RequestLogRepositoryOptions {
  /**
   * Bound parameters allowed in one statement. SQLite's compile-time default is 32766 (since
   * 3.32; older builds allow 999), PostgreSQL's is 65535; multi-row inserts are chunked below it.
   */
  maxParametersPerStatement?: number;
}

type LogRow = Selectable<RequestLogTable>;

const maxListLimit = 10_000;

/** Builds the request-log repository over any Kysely database with the store schema. */
export function createRequestLogRepository(
  db: Kysely<DatabaseSchema>,
  options: RequestLogRepositoryOptions = {},
): RequestLogRepository {
  const maxParameters = options.maxParametersPerStatement ?? 32_766;
  return {
    appendMany(rows) {
      if (rows.length === 0) return Promise.resolve();
      const values = rows.map(toRequestLogColumns);
      const columnCount = Object.keys(values[0] ?? {}).length;
      const rowsPerStatement = Math.max(1, Math.floor(maxParameters / columnCount));
      return runStoreOperation('append request log', () =>
        db.transaction().execute(async (transaction) => {
          for (let start = 0; start < values.length; start += rowsPerStatement) {
            await transaction
              .insertInto('request_log')
              .values(values.slice(start, start + rowsPerStatement))
              .onConflict((conflict) => conflict.column('id').doNothing())
              .execute();
          }
        }),
      );
    },
    list(query) {
      return runStoreOperation('list request log', async () => {
        const limit = Math.min(Math.max(1, Math.trunc(query.limit)), maxListLimit);
        let builder = db.selectFrom('request_log').selectAll();
        if (query.keyId !== undefined) builder = builder.where('key_id', '=', query.keyId);
        const before = query.beforeCreatedAt;
        const beforeId = query.beforeId;
        if (before !== undefined && beforeId !== undefined) {
          builder = builder.where((where) =>
            where.or([
              where('created_at', '<', before),
              where.and([where('created_at', '=', before), where('id', '<', beforeId)]),
            ]),
          );
        } else if (before !== undefined) {
          builder = builder.where('created_at', '<', before);
        }
        const rows = await builder.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
        return rows.map(fromRow);
      });
    },
    count() {
      return runStoreOperation('count request log', async () => {
        const row = await db
          .selectFrom('request_log')
          .select((builder) => builder.fn.countAll().as('total'))
          .executeTakeFirstOrThrow();
        return Number(row.total);
      });
    },
    spendSince(sinceMs) {
      return runStoreOperation('sum request log spend', async () => {
        const rows = await db
          .selectFrom('request_log')
          .select((builder) => [
            'key_id',
            'team_id',
            'end_user',
            builder.fn.sum<string | number>('cost_micros').as('micros'),
          ])
          .where('created_at', '>=', sinceMs)
          .where('cost_micros', 'is not', null)
          .groupBy(['key_id', 'team_id', 'end_user'])
          .execute();
        return rows.map((row) => ({
          keyId: row.key_id,
          teamId: row.team_id,
          endUser: row.end_user,
          micros: Number(row.micros),
        }));
      });
    },
    findById(id) {
      return runStoreOperation('find request log row', async () => {
        const row = await db.selectFrom('request_log').selectAll().where('id', '=', id).executeTakeFirst();
        return row === undefined ? undefined : fromRow(row);
      });
    },
  };
}

export function toRequestLogColumns(row: RequestLogRow): Insertable<RequestLogTable> {
  return {
    id: row.id,
    created_at: row.createdAt,
    key_id: row.keyId,
    shape: row.shape,
    requested_model: row.requestedModel,
    provider: row.provider,
    served_model: row.servedModel,
    status: row.status,
    outcome: row.outcome,
    error_kind: row.errorKind,
    error_message: row.errorMessage,
    stream: row.stream ? 1 : 0,
    latency_ms: row.latencyMs,
    ttft_ms: row.ttftMs,
    input_tokens: row.inputTokens,
    output_tokens: row.outputTokens,
    cached_tokens: row.cachedTokens,
    reasoning_tokens: row.reasoningTokens,
    cost_micros: row.costMicros,
    attempts: row.attempts,
    fallback_used: row.fallbackUsed ? 1 : 0,
    route_reason: row.routeReason,
    attempts_json: row.attemptsJson,
    end_user: row.endUser,
    metadata: toJsonColumn(row.metadata),
    usage_estimated: row.usageEstimated ? 1 : 0,
    route_trace: row.routeTrace,
    team_id: row.teamId,
    feature: row.feature,
    baseline_cost_micros: row.baselineCostMicros,
  };
}

// Number() on integer columns: PostgreSQL drivers return bigint columns as strings by default.
function fromRow(row: LogRow): RequestLogRow {
  return {
    id: row.id,
    createdAt: Number(row.created_at),
    keyId: row.key_id,
    shape: row.shape,
    requestedModel: row.requested_model,
    provider: row.provider,
    servedModel: row.served_model,
    status: Number(row.status),
    outcome: toOutcome(row.outcome),
    errorKind: row.error_kind,
    errorMessage: row.error_message,
    stream: Number(row.stream) === 1,
    latencyMs: Number(row.latency_ms),
    ttftMs: nullableNumber(row.ttft_ms),
    inputTokens: nullableNumber(row.input_tokens),
    outputTokens: nullableNumber(row.output_tokens),
    cachedTokens: nullableNumber(row.cached_tokens),
    reasoningTokens: nullableNumber(row.reasoning_tokens),
    costMicros: nullableNumber(row.cost_micros),
    attempts: Number(row.attempts),
    fallbackUsed: Number(row.fallback_used) === 1,
    routeReason: row.route_reason,
    attemptsJson: row.attempts_json,
    endUser: row.end_user,
    metadata: parseStringRecord(row.metadata, 'request_log.metadata'),
    usageEstimated: Number(row.usage_estimated) === 1,
    routeTrace: row.route_trace ?? null,
    teamId: row.team_id ?? null,
    feature: row.feature ?? null,
    baselineCostMicros: row.baseline_cost_micros === null ? null : Number(row.baseline_cost_micros),
  };
}

function nullableNumber(value: number | null): number | null {
  return value === null ? null : Number(value);
}

function isOutcome(text: string): text is RequestOutcome {
  return outcomes.has(text);
}

function toOutcome(text: string): RequestOutcome {
  if (!isOutcome(text)) throw new GatewayError('internal', `store: unknown request outcome "${text}"`);
  return text;
}
