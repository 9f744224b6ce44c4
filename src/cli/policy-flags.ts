import type { Command } from 'commander';
import { budgetPeriods, type PolicyDocument, policyDocumentSchema } from '../governance/policy.js';

/** The policy flags `keys create`, `teams create` and `plans create` share. */
export interface PolicyFlags {
  rpm?: string;
  tpm?: string;
  concurrency?: string;
  budgetUsd?: string;
  budgetPeriod?: string;
  baselineModel?: string;
}

export function addPolicyFlags(command: Command): Command {
  return command
    .option('--rpm <n>', 'requests per minute')
    .option('--tpm <n>', 'tokens per minute')
    .option('--concurrency <n>', 'requests in flight at once')
    .option('--budget-usd <usd>', 'spending limit in USD')
    .option('--budget-period <period>', `budget period: ${budgetPeriods.join(', ')}`, 'month')
    .option('--baseline-model <model>', 'model the savings are measured against');
}

/** The policy document the flags describe, or undefined when none was given; invalid values throw. */
export function policyFromFlags(flags: PolicyFlags): PolicyDocument | undefined {
  const limits = {
    ...(flags.rpm === undefined ? {} : { rpm: Number(flags.rpm) }),
    ...(flags.tpm === undefined ? {} : { tpm: Number(flags.tpm) }),
    ...(flags.concurrency === undefined ? {} : { concurrency: Number(flags.concurrency) }),
  };
  const document = {
    ...(Object.keys(limits).length === 0 ? {} : { limits }),
    ...(flags.budgetUsd === undefined
      ? {}
      : { budgets: [{ period: flags.budgetPeriod ?? 'month', usd: Number(flags.budgetUsd) }] }),
    ...(flags.baselineModel === undefined ? {} : { baseline_model: flags.baselineModel }),
  };
  if (Object.keys(document).length === 0) return undefined;
  const parsed = policyDocumentSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? 'policy';
    throw new Error(`invalid policy flag (${field}): ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
