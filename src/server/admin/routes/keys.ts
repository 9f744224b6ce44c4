import { z } from 'zod';
import type { KeyRecord } from '../../../store/index.js';
import type { AdminDependencies } from '../admin-dependencies.js';
import { type AdminRoute, defineRoute, noBody, noQuery } from '../route-spec.js';
import {
  deletedSchema,
  instantSchema,
  isoTime,
  listOf,
  metadataSchema,
  nameSchema,
  pageOf,
  pageQuery,
  policySchema,
  slugSchema,
  toIso,
} from '../schemas.js';
import { requireTeamAndPlan } from './references.js';

const keySchema = z.object({
  id: z.string(),
  object: z.literal('virtual_key'),
  name: z.string(),
  key_hint: z.string(),
  status: z.enum(['active', 'expired', 'revoked']),
  allowed_models: z.array(z.string()).nullable(),
  metadata: z.record(z.string(), z.string()).nullable(),
  team_id: z.string().nullable(),
  plan_id: z.string().nullable(),
  policy: policySchema.nullable(),
  created_at: isoTime,
  updated_at: isoTime,
  expires_at: isoTime.nullable(),
  revoked_at: isoTime.nullable(),
  replaced_by: z.string().nullable().describe('After a rotation: the id of the replacement key.'),
});

const createdKeySchema = keySchema.extend({
  key: z.string().describe('The full key. Shown in this response only; store it now.'),
});

const allowedModelsSchema = z
  .array(z.string().trim().min(1).max(200))
  .max(200)
  .describe('Model names or patterns (`openai/*`, `*`); null allows every model.');

const keySettings = {
  allowed_models: allowedModelsSchema.nullable().optional(),
  expires_at: instantSchema.nullable().optional(),
  metadata: metadataSchema.nullable().optional(),
  team_id: slugSchema.nullable().optional(),
  plan_id: slugSchema.nullable().optional(),
  policy: policySchema.nullable().optional(),
};

const createKeyBody = z.strictObject({ name: nameSchema, ...keySettings });
const updateKeyBody = z.strictObject({ name: nameSchema.optional(), ...keySettings });
const rotateBody = z
  .strictObject({
    grace_seconds: z
      .number()
      .int()
      .min(0)
      .max(30 * 86_400)
      .optional()
      .describe('How long the old key keeps working (default 86400 = 24 h; 0 = refused at once).'),
  })
  .optional();

const listKeysQuery = z.strictObject({
  ...pageQuery(1000, 100),
  team_id: z.string().optional(),
  plan_id: z.string().optional(),
  include_revoked: z.enum(['true', 'false']).optional().describe('Default false.'),
});

export const defaultGraceSeconds = 86_400;

export function keyRoutes(deps: AdminDependencies): AdminRoute[] {
  const now = deps.now ?? Date.now;
  const describe = (record: KeyRecord) => describeKey(record, now());
  const changed = async <T>(value: T): Promise<T> => {
    await deps.onKeysChanged();
    return value;
  };
  return [
    defineRoute({
      method: 'POST',
      path: '/admin/v1/keys',
      tag: 'keys',
      summary: 'Create a virtual key; the secret is in this response only',
      status: 201,
      query: noQuery,
      body: createKeyBody,
      response: createdKeySchema,
      async handle({ body }) {
        await requireTeamAndPlan(deps, body.team_id, body.plan_id);
        const created = await deps.keys.create({
          name: body.name,
          allowedModels: body.allowed_models ?? null,
          expiresAt: body.expires_at ?? null,
          metadata: body.metadata ?? null,
          teamId: body.team_id ?? null,
          planId: body.plan_id ?? null,
          policy: body.policy ?? null,
        });
        return changed({ ...describe(created.record), key: created.key });
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/admin/v1/keys',
      tag: 'keys',
      summary: 'List keys (hints only, never secrets), ordered by id',
      query: listKeysQuery,
      body: noBody,
      response: listOf(keySchema),
      async handle({ query }) {
        const rows = await deps.keyRepository.page({
          limit: query.limit + 1,
          ...(query.cursor === undefined ? {} : { after: query.cursor }),
          ...(query.team_id === undefined ? {} : { teamId: query.team_id }),
          ...(query.plan_id === undefined ? {} : { planId: query.plan_id }),
          includeRevoked: query.include_revoked === 'true',
        });
        return pageOf(rows, query.limit, (row) => row.id, describe);
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/admin/v1/keys/{id}',
      tag: 'keys',
      summary: 'Get one key by id or hint',
      query: noQuery,
      body: noBody,
      response: keySchema,
      handle: async ({ params }) => describe(await deps.keys.get(params.id ?? '')),
    }),
    defineRoute({
      method: 'PATCH',
      path: '/admin/v1/keys/{id}',
      tag: 'keys',
      summary: 'Change a key: name, allowed models, expiry, metadata, team, plan, policy (null clears)',
      query: noQuery,
      body: updateKeyBody,
      response: keySchema,
      async handle({ params, body }) {
        await requireTeamAndPlan(deps, body.team_id, body.plan_id);
        const updated = await deps.keys.update(params.id ?? '', {
          ...(body.name === undefined ? {} : { name: body.name }),
          ...(body.allowed_models === undefined ? {} : { allowedModels: body.allowed_models }),
          ...(body.expires_at === undefined ? {} : { expiresAt: body.expires_at }),
          ...(body.metadata === undefined ? {} : { metadata: body.metadata }),
          ...(body.team_id === undefined ? {} : { teamId: body.team_id }),
          ...(body.plan_id === undefined ? {} : { planId: body.plan_id }),
          ...(body.policy === undefined ? {} : { policy: body.policy }),
        });
        return changed(describe(updated));
      },
    }),
    defineRoute({
      method: 'POST',
      path: '/admin/v1/keys/{id}/rotate',
      tag: 'keys',
      summary: 'Issue a replacement key with the same settings; the old one expires after the grace period',
      status: 201,
      query: noQuery,
      body: rotateBody,
      response: createdKeySchema.extend({ replaces: keySchema }),
      async handle({ params, body }) {
        const graceSeconds = body?.grace_seconds ?? defaultGraceSeconds;
        const { created, old } = await deps.keys.rotate(params.id ?? '', graceSeconds * 1000);
        return changed({ ...describe(created.record), key: created.key, replaces: describe(old) });
      },
    }),
    defineRoute({
      method: 'DELETE',
      path: '/admin/v1/keys/{id}',
      tag: 'keys',
      summary: 'Revoke a key (refused within a second everywhere); revoking twice is harmless',
      query: noQuery,
      body: noBody,
      response: deletedSchema,
      async handle({ params }) {
        const record = await deps.keys.revoke(params.id ?? '');
        return changed({ id: record.id, object: 'virtual_key', deleted: true as const });
      },
    }),
  ];
}

function describeKey(record: KeyRecord, at: number): z.input<typeof keySchema> {
  const status =
    record.revokedAt !== null
      ? 'revoked'
      : record.expiresAt !== null && record.expiresAt <= at
        ? 'expired'
        : 'active';
  return {
    id: record.id,
    object: 'virtual_key',
    name: record.name,
    key_hint: record.keyHint,
    status,
    allowed_models: record.allowedModels,
    metadata: record.metadata,
    team_id: record.teamId,
    plan_id: record.planId,
    policy: record.policy,
    created_at: new Date(record.createdAt).toISOString(),
    updated_at: new Date(record.updatedAt).toISOString(),
    expires_at: toIso(record.expiresAt),
    revoked_at: toIso(record.revokedAt),
    replaced_by: record.replacedBy,
  };
}
