import { z } from 'zod';
import { GatewayError } from '../../../canon/index.js';
import type { CreditAccountRef, CreditBalance, CreditsAdmin } from '../../../governance/credits-api.js';
import { usdToMicros } from '../../../governance/policy.js';
import type { AdminDependencies } from '../admin-dependencies.js';
import { type AdminRoute, defineRoute, noBody, noQuery } from '../route-spec.js';
import { listOf, pageQuery } from '../schemas.js';
import { microsToUsd } from './usage.js';

const maxMicros = 1_000_000_000 * 1_000_000;

function amountBody(sign: 'positive' | 'signed') {
  const usd = z.number().min(-1_000_000_000).max(1_000_000_000);
  const micros = z.number().int().min(-maxMicros).max(maxMicros);
  return z
    .strictObject({
      usd: usd.optional().describe('Amount in USD (rounded to the micro-dollar).'),
      micros: micros.optional().describe('Amount in integer micro-dollars (1e-6 USD).'),
      note: z.string().max(500).optional(),
    })
    .superRefine((body, context) => {
      if ((body.usd === undefined) === (body.micros === undefined)) {
        context.addIssue({ code: 'custom', message: 'give exactly one of usd or micros', path: ['usd'] });
        return;
      }
      const amount = body.micros ?? usdToMicros(body.usd ?? 0);
      if (amount === 0 || (sign === 'positive' && amount < 0)) {
        context.addIssue({
          code: 'custom',
          message: sign === 'positive' ? 'a top-up must be positive' : 'an adjustment must not be zero',
          path: [body.micros === undefined ? 'usd' : 'micros'],
        });
      }
    });
}

const balanceSchema = z.object({
  object: z.literal('credit_balance'),
  tenant: z.string(),
  end_user: z.string(),
  available_micros: z.number().int(),
  available_usd: z.string(),
  held_micros: z.number().int().describe('Reserved by requests in flight.'),
  spent_micros: z.number().int().describe('Lifetime settled spend.'),
});

const ledgerRowSchema = z.object({
  id: z.string(),
  object: z.literal('credit_ledger_entry'),
  entry_id: z.string(),
  account: z.string(),
  amount_micros: z.number().int(),
  kind: z.enum(['topup', 'hold', 'settle', 'release', 'refund', 'adjust']),
  request_id: z.string().nullable(),
  note: z.string().nullable(),
  created_at: z.string(),
});

const accountPath = '/admin/v1/credits/{tenant}/{user}';

export function creditRoutes(deps: AdminDependencies): AdminRoute[] {
  const credits = (): CreditsAdmin => {
    if (deps.credits === undefined) {
      throw new GatewayError('internal', 'prepaid credits are not available in this gateway', {
        status: 501,
      });
    }
    return deps.credits;
  };
  const account = (params: Record<string, string>): CreditAccountRef => ({
    tenant: accountPart(params.tenant, 'tenant'),
    endUser: accountPart(params.user, 'user'),
  });
  const amountOf = (body: { usd?: number | undefined; micros?: number | undefined }) =>
    body.micros ?? usdToMicros(body.usd ?? 0);
  return [
    defineRoute({
      method: 'POST',
      path: `${accountPath}/topup`,
      tag: 'credits',
      summary: "Add prepaid credit to an end user's account (tenant: the key's team id, or key id)",
      query: noQuery,
      body: amountBody('positive'),
      response: balanceSchema,
      handle: async ({ params, body }) =>
        describeBalance(await credits().topUp(account(params), amountOf(body), body.note ?? null)),
    }),
    defineRoute({
      method: 'POST',
      path: `${accountPath}/adjust`,
      tag: 'credits',
      summary: 'Correct a balance up or down (never below zero)',
      query: noQuery,
      body: amountBody('signed'),
      response: balanceSchema,
      handle: async ({ params, body }) =>
        describeBalance(await credits().adjust(account(params), amountOf(body), body.note ?? null)),
    }),
    defineRoute({
      method: 'GET',
      path: accountPath,
      tag: 'credits',
      summary: 'Balance: available, held by requests in flight, spent',
      query: noQuery,
      body: noBody,
      response: balanceSchema,
      handle: async ({ params }) => describeBalance(await credits().balance(account(params))),
    }),
    defineRoute({
      method: 'GET',
      path: `${accountPath}/ledger`,
      tag: 'credits',
      summary: 'Ledger rows of the account, newest first',
      query: z.strictObject(pageQuery(1000, 100)),
      body: noBody,
      response: listOf(ledgerRowSchema),
      async handle({ params, query }) {
        const rows = await credits().ledger(account(params), {
          limit: query.limit + 1,
          ...(query.cursor === undefined ? {} : { before: query.cursor }),
        });
        const page = rows.slice(0, query.limit);
        const hasMore = rows.length > query.limit;
        return {
          object: 'list' as const,
          data: page.map((row) => ({
            id: row.id,
            object: 'credit_ledger_entry' as const,
            entry_id: row.entryId,
            account: row.account,
            amount_micros: row.amountMicros,
            kind: row.kind,
            request_id: row.requestId,
            note: row.note,
            created_at: new Date(row.createdAt).toISOString(),
          })),
          has_more: hasMore,
          next_cursor: hasMore ? (page.at(-1)?.id ?? null) : null,
        };
      },
    }),
  ];
}

/** Tenant and user ids come from the URL; bound them like any other input. */
function accountPart(value: string | undefined, name: string): string {
  if (value === undefined || value.length === 0 || value.length > maxAccountPartLength) {
    throw new GatewayError('invalid_request', `${name} must be 1 to ${maxAccountPartLength} characters`, {
      param: name,
    });
  }
  return value;
}

const maxAccountPartLength = 256;

function describeBalance(balance: CreditBalance): z.input<typeof balanceSchema> {
  return {
    object: 'credit_balance',
    tenant: balance.tenant,
    end_user: balance.endUser,
    available_micros: balance.availableMicros,
    available_usd: microsToUsd(balance.availableMicros),
    held_micros: balance.heldMicros,
    spent_micros: balance.spentMicros,
  };
}
