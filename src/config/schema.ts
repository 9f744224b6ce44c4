import { z } from 'zod';

/**
 * Interpolated values are strings (`port: ${PORT}`), so integer fields also accept a string of
 * digits. Anything else is left for zod to reject with a type error.
 */
function integer(minimum: number, maximum = Number.MAX_SAFE_INTEGER) {
  return z.preprocess(
    (value) => (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value),
    z.number().int().min(minimum).max(maximum),
  );
}

const positiveInteger = () => integer(1);

/** Weights are checked for positivity in resolve.ts so the message can say what was given. */
const weight = z.preprocess(
  (value) => (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value),
  z.number(),
);

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
});

/** switchyard.yaml: every section optional, unknown keys rejected. */
export const configSchema = z.strictObject({
  server: serverSchema.optional(),
  store: storeSchema.optional(),
  logging: loggingSchema.optional(),
  providers: z.record(z.string(), providerSchema).optional(),
  models: z.record(z.string(), modelSchema).optional(),
});

/** The configuration after interpolation and schema validation, before cross-reference checks. */
export type RawConfig = z.infer<typeof configSchema>;

/** One entry of `providers:`. */
export type RawProvider = NonNullable<RawConfig['providers']>[string];

/** One entry of `models:`. */
export type RawModel = NonNullable<RawConfig['models']>[string];
