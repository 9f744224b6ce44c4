import type { Command } from 'commander';
import type { PolicyDocument } from '../../governance/policy.js';
import { type AdminSessionOptions, addAdminFlags, withAdminClient } from '../admin-session.js';
import { addPolicyFlags, type PolicyFlags, policyFromFlags } from '../policy-flags.js';

interface Options extends AdminSessionOptions {
  json?: boolean;
}

interface Resource {
  id: string;
  name: string;
  policy: PolicyDocument | null;
}

/** `switchyard teams|plans create|list|delete`, through the admin API (or `--offline`, the store). */
export function registerTeamsAndPlansCommands(program: Command): void {
  registerResource(
    program,
    'teams',
    'team',
    'Manage teams (keys belong to teams; team limits apply to all of them)',
  );
  registerResource(program, 'plans', 'plan', 'Manage plans (named bundles of limits keys are put on)');
}

function registerResource(
  program: Command,
  plural: 'teams' | 'plans',
  singular: string,
  description: string,
) {
  const group = program.command(plural).description(description);
  const target = addAdminFlags<Command>;

  addPolicyFlags(
    target(
      group
        .command('create <id>')
        .description(`Create a ${singular} with a slug id`)
        .option('--name <name>', 'display name (default: the id)'),
    ),
  ).action(async (id: string, options: Options & PolicyFlags & { name?: string }) => {
    const policy = policyFromFlags(options);
    const body = { id, name: options.name ?? id, ...(policy === undefined ? {} : { policy }) };
    const created = await withAdminClient(options, (client) =>
      client.request<Resource>('POST', `/admin/v1/${plural}`, body),
    );
    process.stdout.write(
      options.json ? `${JSON.stringify(created)}\n` : `created ${singular} ${created.id}\n`,
    );
  });

  target(group.command('list').description(`List ${plural}`)).action(async (options: Options) => {
    const items = await withAdminClient(options, async (client) => {
      const all: Resource[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
        const page: { data: Resource[]; next_cursor: string | null } = await client.request(
          'GET',
          `/admin/v1/${plural}?limit=1000${query}`,
        );
        all.push(...page.data);
        cursor = page.next_cursor;
      } while (cursor !== null);
      return all;
    });
    if (options.json) {
      process.stdout.write(`${JSON.stringify(items)}\n`);
      return;
    }
    if (items.length === 0) process.stdout.write(`no ${plural}\n`);
    for (const item of items) {
      process.stdout.write(
        `${item.id}  ${item.name}  policy=${item.policy === null ? '-' : JSON.stringify(item.policy)}\n`,
      );
    }
  });

  target(group.command('delete <id>').description(`Delete a ${singular} (refused while keys use it)`)).action(
    async (id: string, options: Options) => {
      await withAdminClient(options, (client) =>
        client.request('DELETE', `/admin/v1/${plural}/${encodeURIComponent(id)}`),
      );
      process.stdout.write(`deleted ${singular} ${id}\n`);
    },
  );
}
