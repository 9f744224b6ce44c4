import { z } from 'zod';
import { randomBase62 } from '../../../auth/index.js';
import type { TeamRecord } from '../../../store/index.js';
import type { AdminDependencies } from '../admin-dependencies.js';
import { conflict, notFound } from '../admin-error.js';
import { type AdminRoute, defineRoute, noBody, noQuery } from '../route-spec.js';
import {
  deletedSchema,
  isoTime,
  listOf,
  metadataSchema,
  nameSchema,
  pageOf,
  pageQuery,
  policySchema,
  slugSchema,
} from '../schemas.js';

const teamSchema = z.object({
  id: z.string(),
  object: z.literal('team'),
  name: z.string(),
  policy: policySchema.nullable(),
  metadata: z.record(z.string(), z.string()).nullable(),
  created_at: isoTime,
  updated_at: isoTime,
});

const createTeamBody = z.strictObject({
  id: slugSchema.optional().describe('Chosen id (a slug); generated as `team_<random>` when omitted.'),
  name: nameSchema,
  policy: policySchema.nullable().optional(),
  metadata: metadataSchema.nullable().optional(),
});

const updateTeamBody = z.strictObject({
  name: nameSchema.optional(),
  policy: policySchema.nullable().optional(),
  metadata: metadataSchema.nullable().optional(),
});

const teamPath = '/admin/v1/teams/{id}';

export function teamRoutes(deps: AdminDependencies): AdminRoute[] {
  const now = deps.now ?? Date.now;
  const findLive = async (id: string) => {
    const team = await deps.teams.findById(id);
    if (team === undefined || team.deletedAt !== null) throw notFound(`no team with id '${id}'`);
    return team;
  };
  return [
    defineRoute({
      method: 'POST',
      path: '/admin/v1/teams',
      tag: 'teams',
      summary: 'Create a team (its policy limits all its keys together)',
      status: 201,
      query: noQuery,
      body: createTeamBody,
      response: teamSchema,
      async handle({ body }) {
        const id = body.id ?? `team_${randomBase62(12).toLowerCase()}`;
        const at = now();
        const record: TeamRecord = {
          id,
          name: body.name,
          policy: body.policy ?? null,
          metadata: body.metadata ?? null,
          createdAt: at,
          updatedAt: at,
          deletedAt: null,
        };
        // Deleted teams keep their id: old log rows and keys still name them.
        if (!(await deps.teams.insert(record))) throw conflict(`team id '${id}' is taken`, 'id');
        await deps.onPoliciesChanged();
        return describeTeam(record);
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/admin/v1/teams',
      tag: 'teams',
      summary: 'List teams, ordered by id',
      query: z.strictObject(pageQuery(1000, 100)),
      body: noBody,
      response: listOf(teamSchema),
      async handle({ query }) {
        const rows = await deps.teams.list({
          limit: query.limit + 1,
          ...(query.cursor === undefined ? {} : { after: query.cursor }),
        });
        return pageOf(rows, query.limit, (row) => row.id, describeTeam);
      },
    }),
    defineRoute({
      method: 'GET',
      path: teamPath,
      tag: 'teams',
      summary: 'Get one team',
      query: noQuery,
      body: noBody,
      response: teamSchema,
      handle: async ({ params }) => describeTeam(await findLive(params.id ?? '')),
    }),
    defineRoute({
      method: 'PATCH',
      path: teamPath,
      tag: 'teams',
      summary: "Change a team's name, policy or metadata (null clears)",
      query: noQuery,
      body: updateTeamBody,
      response: teamSchema,
      async handle({ params, body }) {
        const id = params.id ?? '';
        const updated = await deps.teams.update(id, body, now());
        if (updated === undefined) throw notFound(`no team with id '${id}'`);
        await deps.onPoliciesChanged();
        return describeTeam(updated);
      },
    }),
    defineRoute({
      method: 'DELETE',
      path: teamPath,
      tag: 'teams',
      summary: 'Delete a team; 409 while keys that are not revoked belong to it',
      query: noQuery,
      body: noBody,
      response: deletedSchema,
      async handle({ params }) {
        const team = await findLive(params.id ?? '');
        const keys = await deps.keyRepository.countUnrevoked({ teamId: team.id });
        if (keys > 0) {
          throw conflict(
            `team '${team.id}' still has ${keys} key(s): revoke them or move them to another team`,
          );
        }
        await deps.teams.softDelete(team.id, now());
        await deps.onPoliciesChanged();
        return { id: team.id, object: 'team', deleted: true as const };
      },
    }),
  ];
}

function describeTeam(record: TeamRecord): z.input<typeof teamSchema> {
  return {
    id: record.id,
    object: 'team',
    name: record.name,
    policy: record.policy,
    metadata: record.metadata,
    created_at: new Date(record.createdAt).toISOString(),
    updated_at: new Date(record.updatedAt).toISOString(),
  };
}
