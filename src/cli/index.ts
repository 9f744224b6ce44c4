// The `switchyard` command line: start the gateway, manage keys, teams and plans, show usage, check
// configuration, run the simulator.
import { Command } from 'commander';
import { registerConfigCommand } from './commands/config-check.js';
import { registerKeysCommand } from './commands/keys.js';
import { registerSimulatorCommand } from './commands/simulator.js';
import { registerStartCommand } from './commands/start.js';
import { registerTeamsAndPlansCommands } from './commands/teams-plans.js';
import { registerUsageCommand } from './commands/usage.js';
import { version } from './version.js';

const program = new Command('switchyard')
  .description('Switchyard: one OpenAI-compatible endpoint in front of every model.')
  .version(version);
registerStartCommand(program);
registerKeysCommand(program);
registerTeamsAndPlansCommands(program);
registerUsageCommand(program);
registerConfigCommand(program);
registerSimulatorCommand(program);
program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`switchyard: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
