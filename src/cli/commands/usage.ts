import type { Command } from 'commander';
import { type AdminSessionOptions, addAdminFlags, withAdminClient } from '../admin-session.js';

interface UsageOptions extends AdminSessionOptions {
  groupBy?: string;
  from?: string;
  to?: string;
  key?: string;
  team?: string;
  user?: string;
  model?: string;
  feature?: string;
  json?: boolean;
}

interface UsageRow {
  group?: Record<string, string | null>;
  requests: number;
  cost_usd: string;
  unpriced_requests: number;
  input_tokens: number;
  output_tokens: number;
}

interface UsagePage {
  data: UsageRow[];
  total: UsageRow;
  next_cursor: string | null;
}

/** `switchyard usage`: spend and requests from the admin API, grouped and filtered. */
export function registerUsageCommand(program: Command): void {
  const command = program
    .command('usage')
    .description('Show spend, requests and tokens (from a running gateway, or --offline from the store)')
    .option('--group-by <list>', 'comma-separated: key, team, end_user, model, provider, feature, day')
    .option('--from <time>', 'start, inclusive (ISO 8601 or epoch ms)')
    .option('--to <time>', 'end, exclusive (ISO 8601 or epoch ms)')
    .option('--key <id>', 'only this key')
    .option('--team <id>', 'only this team')
    .option('--user <id>', 'only this end user')
    .option('--model <name>', 'only this served model')
    .option('--feature <tag>', 'only this metadata.feature tag');
  addAdminFlags(command).action(async (options: UsageOptions) => {
    const base = new URLSearchParams({ limit: '1000' });
    const filters: Array<[string, string | undefined]> = [
      ['group_by', options.groupBy],
      ['from', options.from],
      ['to', options.to],
      ['key_id', options.key],
      ['team_id', options.team],
      ['end_user', options.user],
      ['model', options.model],
      ['feature', options.feature],
    ];
    for (const [name, value] of filters) if (value !== undefined) base.set(name, value);
    const { rows, total } = await withAdminClient(options, async (client) => {
      const all: UsageRow[] = [];
      let last: UsageRow | undefined;
      let cursor: string | null = null;
      do {
        const query = new URLSearchParams(base);
        if (cursor !== null) query.set('cursor', cursor);
        const page: UsagePage = await client.request('GET', `/admin/v1/usage?${query}`);
        all.push(...page.data);
        last = page.total;
        cursor = page.next_cursor;
      } while (cursor !== null);
      return { rows: all, total: last };
    });
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ data: rows, total })}\n`);
      return;
    }
    for (const row of rows) process.stdout.write(`${formatRow(row)}\n`);
    if (total !== undefined && rows.length !== 1) process.stdout.write(`total  ${formatRow(total)}\n`);
  });
}

function formatRow(row: UsageRow): string {
  const group = Object.entries(row.group ?? {})
    .map(([name, value]) => `${name}=${value ?? '-'}`)
    .join(' ');
  const unpriced = row.unpriced_requests > 0 ? `  (${row.unpriced_requests} at unknown price)` : '';
  return `${group}${group ? '  ' : ''}requests=${row.requests}  cost=$${row.cost_usd}  tokens=${row.input_tokens}/${row.output_tokens}${unpriced}`;
}
