import type { Command } from 'commander';
import { describeConfiguration } from '../../config/index.js';
import { parsePort, resolveConfigPath, resolveDataDir } from '../options.js';
import { type RunningGateway, startGateway } from '../start-gateway.js';
import { version } from '../version.js';

interface StartOptions {
  port?: string;
  host?: string;
  config?: string;
  dataDir?: string;
}

/** `switchyard start`: the gateway, until SIGTERM/SIGINT (then it drains in-flight work and the log). */
export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('Start the gateway')
    .option('--port <port>', 'port to listen on (or PORT; default 8080)')
    .option('--host <host>', 'interface to bind (default 127.0.0.1)')
    .option('--config <path>', 'configuration file (or SWITCHYARD_CONFIG)')
    .option(
      '--data-dir <path>',
      'data folder for the SQLite store (or SWITCHYARD_DATA_DIR; default ./.switchyard)',
    )
    .action(async (options: StartOptions) => {
      const portText = options.port ?? process.env.PORT;
      const gateway = await startGateway({
        configPath: resolveConfigPath(options.config),
        dataDir: resolveDataDir(options.dataDir),
        env: process.env,
        simulatorDelayMs: Number(process.env.SWITCHYARD_SIMULATOR_DELAY_MS ?? 20),
        ...(portText === undefined ? {} : { port: parsePort(portText) }),
        ...(options.host === undefined ? {} : { host: options.host }),
      });
      printBanner(gateway, resolveDataDir(options.dataDir));
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        process.stderr.write(`${signal}: finishing in-flight requests and writing the request log...\n`);
        gateway.close().then(
          () => process.exit(0),
          (error: unknown) => {
            process.stderr.write(`shutdown failed: ${String(error)}\n`);
            process.exit(1);
          },
        );
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
}

function printBanner(gateway: RunningGateway, dataDir: string): void {
  const out = (line = '') => process.stdout.write(`${line}\n`);
  out(`Switchyard ${version} listening on ${gateway.url}  (OpenAI-compatible base URL: ${gateway.url}/v1)`);
  if (gateway.config.demo) {
    out('');
    out('  DEMO MODE: no provider key was found in the environment and no --config was given.');
    out(
      `  Every answer comes from the built-in provider simulator at ${gateway.simulator?.url ?? '(external)'},`,
    );
    out(
      '  not from a real model. Set OPENAI_API_KEY (or GROQ_API_KEY, OLLAMA_HOST, ...) or pass --config to use real providers.',
    );
  }
  out('');
  out(`  configuration: ${gateway.config.source}`);
  out(`  data folder:   ${dataDir}`);
  // The listening address is the one above (flags may override the file's); the rest describes the config.
  for (const line of describeConfiguration(gateway.config)) {
    if (!/^(server|source|demo mode):/.test(line)) out(`  ${line}`);
  }
  for (const warning of gateway.config.warnings) out(`  warning: ${warning}`);
  if (gateway.initialKey) {
    out('');
    out('  First start: created an API key. It is shown ONCE; store it now:');
    out(`    ${gateway.initialKey}`);
    out('');
    out(`  curl ${gateway.url}/v1/chat/completions -H "Authorization: Bearer ${gateway.initialKey}" \\`);
    out(
      `    -H "Content-Type: application/json" -d '{"model":"${gateway.config.demo ? 'demo' : '<model>'}","messages":[{"role":"user","content":"Hello"}]}'`,
    );
  }
}
