import type { Command } from 'commander';
import { describeConfiguration, loadConfiguration } from '../../config/index.js';
import { resolveConfigPath, resolveDataDir } from '../options.js';

/** `switchyard config check`: resolves the configuration and prints it, or every error with its path. */
export function registerConfigCommand(program: Command): void {
  const config = program.command('config').description('Inspect the configuration');
  config
    .command('check')
    .description('Validate the configuration and print what it resolves to')
    .option('--config <path>', 'configuration file (or SWITCHYARD_CONFIG)')
    .option('--data-dir <path>', 'data folder (or SWITCHYARD_DATA_DIR)')
    .action((options: { config?: string; dataDir?: string }) => {
      const resolved = loadConfiguration({
        configPath: resolveConfigPath(options.config),
        env: process.env,
        dataDir: resolveDataDir(options.dataDir),
      });
      process.stdout.write(`configuration OK (${resolved.source})\n`);
      for (const line of describeConfiguration(resolved)) process.stdout.write(`  ${line}\n`);
    });
}
