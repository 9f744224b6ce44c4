import { z } from 'zod';
import type { PlanRecord } from '../../../store/index.js';
import type { AdminDependencies } from '../admin-dependencies.js';
import { conflict, notFound } from '../admin-error.js';
import { type AdminRoute, defineRoute, noBody, noQuery } from '../route-spec.js';
import {
  deletedSchema,
  isoTime,
  listOf,
  nameSchema,
  pageOf,
  pageQuery,
  policySchema,
  slugSchema,
} from '../schemas.js';

const planSchema = z.object({
  id: z.string(),
  object: z.literal('plan'),
  name: z.string(),
  policy: policySchema.nullable(),
  created_at: isoTime,
  updated_at: isoTime,
});

const createPlanBody = z.strictObject({
  id: slugSchema,
  name: nameSchema,
  policy: policySchema.nullable().optional(),
});

const updatePlanBody = z.strictObject({
  name: nameSchema.optional(),
  policy: policySchema.nullable().optional(),
});

const planPath = '/admin/v1/plans/{id}';

export function planRoutes(deps: AdminDependencies): AdminRoute[] {
  const now = deps.now ?? Date.now;
  const findLive = async (id: string) => {
    const plan = await deps.plans.findById(id);
    if (plan === undefined || plan.deletedAt !== null) throw notFound(`no plan with id '${id}'`);
    return plan;
  };
  return [
    defineRoute({
      method: 'POST',
      path: '/admin/v1/plans',
      tag: 'plans',
      summary: 'Create a plan: a named bundle of limits and budgets keys can be put on',
      status: 201,
      query: noQuery,
      body: createPlanBody,
      response: planSchema,
      async handle({ body }) {
        const at = now();
        const record: PlanRecord = {
          id: body.id,
          name: body.name,
          policy: body.policy ?? null,
          createdAt: at,
          updatedAt: at,
          deletedAt: null,
        };
        // Deleted plans keep their id: old keys and caches still name them.
        if (!(await deps.plans.insert(record))) throw conflict(`plan id '${body.id}' is taken`, 'id');
        await deps.onPoliciesChanged();
        return describePlan(record);
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/admin/v1/plans',
      tag: 'plans',
      summary: 'List plans, ordered by id',
      query: z.strictObject(pageQuery(1000, 100)),
      body: noBody,
      response: listOf(planSchema),
      async handle({ query }) {
        const rows = await deps.plans.list({
          limit: query.limit + 1,
          ...(query.cursor === undefined ? {} : { after: query.cursor }),
        });
        return pageOf(rows, query.limit, (row) => row.id, describePlan);
      },
    }),
    defineRoute({
      method: 'GET',
      path: planPath,
      tag: 'plans',
      summary: 'Get one plan',
      query: noQuery,
      body: noBody,
      response: planSchema,
      handle: async ({ params }) => describePlan(await findLive(params.id ?? '')),
    }),
    defineRoute({
      method: 'PATCH',
      path: planPath,
      tag: 'plans',
      summary: "Change a plan's name or policy (applies to every key on it within a second)",
      query: noQuery,
      body: updatePlanBody,
      response: planSchema,
      async handle({ params, body }) {
        const id = params.id ?? '';
        const updated = await deps.plans.update(id, body, now());
        if (updated === undefined) throw notFound(`no plan with id '${id}'`);
        await deps.onPoliciesChanged();
        return describePlan(updated);
      },
    }),
    defineRoute({
      method: 'DELETE',
      path: planPath,
      tag: 'plans',
      summary: 'Delete a plan; 409 while keys that are not revoked are on it',
      query: noQuery,
      body: noBody,
      response: deletedSchema,
      async handle({ params }) {
        const plan = await findLive(params.id ?? '');
        const keys = await deps.keyRepository.countUnrevoked({ planId: plan.id });
        if (keys > 0) {
          throw conflict(`plan '${plan.id}' is in use by ${keys} key(s): move them to another plan first`);
        }
        await deps.plans.softDelete(plan.id, now());
        await deps.onPoliciesChanged();
        return { id: plan.id, object: 'plan', deleted: true as const };
      },
    }),
  ];
}

function describePlan(record: PlanRecord): z.input<typeof planSchema> {
  return {
    id: record.id,
    object: 'plan',
    name: record.name,
    policy: record.policy,
    created_at: new Date(record.createdAt).toISOString(),
    updated_at: new Date(record.updatedAt).toISOString(),
  };
}
