import { z } from 'zod';
import { boundedDecimal, integer, positiveInteger } from './schema-scalars.js';
import type { RoutingStrategyName, TaskClassName } from './types.js';

/** The task classes of the `auto` classifier, in the order they are described. */
export const taskClassNames = [
  'code',
  'reasoning',
  'summary',
  'long_context',
  'chat',
] as const satisfies readonly TaskClassName[];

/** The ordering strategies a policy may name. */
export const routingStrategyNames = [
  'cost',
  'quality',
  'latency',
  'local',
] as const satisfies readonly RoutingStrategyName[];

/** Alias names and `provider/model` names; checked against the configuration in resolve-routing.ts. */
const modelList = z.array(z.string().min(1));

// `satisfies` makes a class added to TaskClassName fail to compile until it is accepted here too.
const classesSchema = z.strictObject({
  code: modelList.optional(),
  reasoning: modelList.optional(),
  summary: modelList.optional(),
  long_context: modelList.optional(),
  chat: modelList.optional(),
} satisfies Record<TaskClassName, unknown>);

const autoSchema = z.strictObject({
  classes: classesSchema.optional(),
  premium: modelList.optional(),
  /** Prompt complexity (0..1) above which `premium` is used. */
  premiumAbove: boundedDecimal(0, 1).optional(),
});

const policySchema = z.strictObject({
  strategy: z.enum(routingStrategyNames),
  models: modelList.optional(),
  /** USD per million tokens; zero admits free (self-hosted) models only. */
  maxPricePerMillion: boundedDecimal(0).optional(),
});

const industrySchema = z.strictObject({
  preferred: modelList.optional(),
  allowed: modelList.optional(),
});

/** The `routing:` section: `auto`, named policies, industry tags, breaker and cooldowns. */
export const routingSchema = z.strictObject({
  auto: autoSchema.optional(),
  policies: z.record(z.string().min(1), policySchema).optional(),
  industries: z.record(z.string().min(1), industrySchema).optional(),
  breaker: z
    .strictObject({
      failureThreshold: positiveInteger().optional(),
      openMs: positiveInteger().optional(),
    })
    .optional(),
  cooldowns: z
    .strictObject({
      // Zero is allowed: no rest at all after a 429 or an auth failure.
      rateLimitMs: integer(0).optional(),
      authMs: integer(0).optional(),
    })
    .optional(),
  maxRetryAfterMs: integer(0).optional(),
  defaultOutputTokens: positiveInteger().optional(),
});
