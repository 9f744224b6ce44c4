import { z } from 'zod';
import { routingSchema } from './routing-schema.js';
import { boundedDecimal, decimal, flag, integer, positiveInteger } from './schema-scalars.js';
import type { BalanceStrategy } from './types.js';

/** Weights are checked for positivity in resolve.ts so the message can say what was given. */
const weight = decimal();

/** How traffic may be spread over one alias's targets. */
export const balanceStrategyNames = [
  'priority',
  'weighted',
  'least-busy',
  'latency',
] as const satisfies readonly BalanceStrategy[];

/** USD per million tokens; zero is a real price (self-hosted). */
const usdPerMillion = () => boundedDecimal(0);

const serverSchema = z.strictObject({
  host: z.string().min(1).optional(),
  port: integer(0, 65_535).optional(),
  maxBodyBytes: positiveInteger().optional(),
  requestTimeoutMs: positiveInteger().optional(),
  keepAliveTimeoutMs: positiveInteger().optional(),
});

const storeSchema = z.strictObject({
  type: z.literal('sqlite').optional(),
  path: z.string().min(1).optional(),
});

/** pino's levels. */
const loggingSchema = z.strictObject({
  level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
});

const providerSchema = z.strictObject({
  /** A preset id; defaults to the provider's own name (`openai: { apiKey: ... }`). */
  type: z.string().min(1).optional(),
  baseUrl: z.string().optional(),
  apiKey: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  // Cloud settings, for the presets that need them (see README, "Providers").
  region: z.string().optional(),
  accessKeyId: z.string().optional(),
  secretAccessKey: z.string().optional(),
  sessionToken: z.string().optional(),
  project: z.string().optional(),
  location: z.string().optional(),
  credentialsFile: z.string().optional(),
  apiVersion: z.string().optional(),
  projectId: z.string().optional(),
  spaceId: z.string().optional(),
  iamUrl: z.string().optional(),
  account: z.string().optional(),
  timeouts: z
    .strictObject({
      connectMs: positiveInteger().optional(),
      headersMs: positiveInteger().optional(),
      bodyMs: positiveInteger().optional(),
    })
    .optional(),
});

const targetSchema = z.strictObject({
  provider: z.string().min(1),
  model: z.string().min(1),
  weight: weight.optional(),
  // Deployment facts for models the catalog does not know, or knows differently.
  contextWindow: positiveInteger().optional(),
  capabilities: z
    .strictObject({
      tools: flag().optional(),
      vision: flag().optional(),
      jsonSchema: flag().optional(),
      reasoning: flag().optional(),
    })
    .optional(),
  inputPerMillion: usdPerMillion().optional(),
  outputPerMillion: usdPerMillion().optional(),
  /** 0..100, higher is stronger (for strategy:quality). */
  quality: boundedDecimal(0, 100).optional(),
  /** Continues a trailing assistant message, which stream rescue needs. */
  continuation: flag().optional(),
});

const modelSchema = z.strictObject({
  targets: z.array(targetSchema).min(1),
  fallbacks: z.array(z.string().min(1)).optional(),
  retry: z
    .strictObject({
      /** Tries per target, the first included: 1 means no retry of the same target. */
      attempts: positiveInteger().optional(),
      backoffMs: integer(0).optional(),
    })
    .optional(),
  timeouts: z
    .strictObject({
      ttftMs: positiveInteger().optional(),
      idleMs: positiveInteger().optional(),
      totalMs: positiveInteger().optional(),
    })
    .optional(),
  balance: z.enum(balanceStrategyNames).optional(),
  hedge: z.strictObject({ afterMs: positiveInteger() }).optional(),
  rescue: flag().optional(),
});

const catalogSchema = z.strictObject({
  /** Extra catalog files, relative to the config file's folder, laid over the bundled catalog in order. */
  files: z.array(z.string().min(1)).optional(),
});

/** Turns kept for `previous_response_id` on `/v1/responses` (in memory, per process). */
const responsesSchema = z.strictObject({
  history: z
    .strictObject({
      /** Most turns kept; the least recently used goes first. */
      maxEntries: positiveInteger().optional(),
      /** How long a stored turn stays usable. */
      ttlMs: positiveInteger().optional(),
    })
    .optional(),
});

/** How requests are translated between API shapes. */
const translationSchema = z.strictObject({
  /** Default for requests that do not say: a parameter the target cannot honour is a 400, not a warning. */
  strict: flag().optional(),
});

const adminSchema = z.strictObject({
  /** The admin API's bearer key; `${SWITCHYARD_ADMIN_KEY}` interpolation keeps it out of the file. */
  key: z.string().optional(),
});

/** switchyard.yaml: every section optional, unknown keys rejected. */
const governanceSchema = z.strictObject({
  /** Savings are measured against this model (`provider/model` or catalog name); null turns them off. */
  baselineModel: z.string().min(1).nullable().optional(),
  /** Adds the `switchyard` summary object to every JSON response body (else only on request). */
  summaryInBody: flag().optional(),
});

export const configSchema = z.strictObject({
  server: serverSchema.optional(),
  store: storeSchema.optional(),
  logging: loggingSchema.optional(),
  providers: z.record(z.string(), providerSchema).optional(),
  models: z.record(z.string(), modelSchema).optional(),
  catalog: catalogSchema.optional(),
  routing: routingSchema.optional(),
  governance: governanceSchema.optional(),
  responses: responsesSchema.optional(),
  translation: translationSchema.optional(),
  admin: adminSchema.optional(),
});

/** The configuration after interpolation and schema validation, before cross-reference checks. */
export type RawConfig = z.infer<typeof configSchema>;

/** One entry of `providers:`. */
export type RawProvider = NonNullable<RawConfig['providers']>[string];

/** One entry of `models:`. */
export type RawModel = NonNullable<RawConfig['models']>[string];

/** One target of a `models:` entry. */
export type RawTarget = RawModel['targets'][number];

/** The `routing:` section. */
export type RawRouting = NonNullable<RawConfig['routing']>;
