import type { Command } from 'commander';
import { parsePort } from '../options.js';

/** `switchyard simulator`: the provider simulator on its own, for demos and benchmarks. */
export function registerSimulatorCommand(program: Command): void {
  program
    .command('simulator')
    .description('Run the provider simulator (OpenAI wire protocol with scripted faults)')
    .option('--port <port>', 'port to listen on', '9090')
    .option('--host <host>', 'interface to bind', '127.0.0.1')
    .action(async (options: { port: string; host: string }) => {
      const { startSimulator } = await import('../../simulator/index.js');
      const simulator = await startSimulator({ port: parsePort(options.port), host: options.host });
      process.stdout.write(
        `provider simulator listening on ${simulator.url} (OpenAI protocol at ${simulator.url}/v1)\n`,
      );
      const stop = () => {
        simulator.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
