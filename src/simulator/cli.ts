import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startSimulator } from './server.js';
import type { Simulator } from './types.js';

/**
 * Runs a simulator as its own process (benchmarks measure it apart from the gateway):
 * `tsx src/simulator/cli.ts --port 4010 [--host 127.0.0.1] [--delay 0] [--api-key sk-...]`.
 * Prints one line with the URL and stops on SIGINT/SIGTERM.
 */
export async function runSimulatorCli(argv: readonly string[]): Promise<Simulator> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      delay: { type: 'string', default: '0' },
      'api-key': { type: 'string' },
    },
  });
  const simulator = await startSimulator({
    host: values.host,
    port: Number(values.port),
    defaultDelayMs: Number(values.delay),
    requireApiKey: values['api-key'],
  });
  process.stdout.write(`switchyard simulator listening on ${simulator.url}\n`);
  const stop = () => {
    void simulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return simulator;
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  await runSimulatorCli(process.argv.slice(2));
}
