import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { type RunningGateway, startGateway } from '../../src/cli/start-gateway.js';
import type { PolicyDocument } from '../../src/governance/policy.js';
import { createLogger } from '../../src/telemetry/logger.js';

/** A gateway on an ephemeral port with its own data folder and in-process simulator. */
export interface TestGateway {
  gateway: RunningGateway;
  url: string;
  key: string;
  dataDir: string;
  client(options?: { key?: string; maxRetries?: number; timeoutMs?: number }): OpenAI;
  /** Creates another key through the gateway's own key service. */
  createKey(input?: {
    name?: string;
    allowedModels?: string[];
    expiresAt?: number;
    metadata?: Record<string, string>;
    teamId?: string;
    planId?: string;
    policy?: PolicyDocument;
  }): Promise<{ key: string; id: string }>;
  /** Waits until the write-behind queue has written every row. */
  flushLog(): Promise<void>;
  stop(): Promise<void>;
}

/** The YAML the end-to-end suites run with: one simulator provider and a few aliases. */
export const testConfigYaml = `
server: { maxBodyBytes: 65536 }
logging: { level: silent }
providers:
  sim: { type: simulator }
  sim2: { type: simulator }
models:
  chat:
    targets: [ { provider: sim, model: demo-fast } ]
  smart:
    targets: [ { provider: sim, model: demo-smart } ]
  flaky:
    targets: [ { provider: sim, model: "demo-fast+500" }, { provider: sim2, model: demo-smart } ]
    retry: { attempts: 1 }
  quick-timeouts:
    targets: [ { provider: sim, model: "demo-fast+silence" } ]
    timeouts: { ttftMs: 300, idleMs: 300, totalMs: 5000 }
  stalls:
    targets: [ { provider: sim, model: "demo-fast+stall-3" } ]
    timeouts: { ttftMs: 2000, idleMs: 300, totalMs: 5000 }
`;

export async function startTestGateway(
  options: { yaml?: string; env?: NodeJS.ProcessEnv; keyPollIntervalMs?: number } = {},
): Promise<TestGateway> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'switchyard-e2e-'));
  const configPath = path.join(dataDir, 'switchyard.yaml');
  writeFileSync(configPath, options.yaml ?? testConfigYaml);
  const gateway = await startGateway({
    configPath,
    dataDir,
    env: options.env ?? {},
    port: 0,
    host: '127.0.0.1',
    logger: createLogger('silent'),
    keyPollIntervalMs: options.keyPollIntervalMs ?? 100,
  });
  const key = gateway.initialKey as string;
  return {
    gateway,
    url: gateway.url,
    key,
    dataDir,
    client: (clientOptions = {}) =>
      new OpenAI({
        apiKey: clientOptions.key ?? key,
        baseURL: `${gateway.url}/v1`,
        maxRetries: clientOptions.maxRetries ?? 0,
        timeout: clientOptions.timeoutMs ?? 15_000,
      }),
    async createKey(input = {}) {
      const created = await gateway.app.keys.create({
        name: input.name ?? 'test',
        allowedModels: input.allowedModels ?? null,
        expiresAt: input.expiresAt ?? null,
        metadata: input.metadata ?? null,
        teamId: input.teamId ?? null,
        planId: input.planId ?? null,
        policy: input.policy ?? null,
      });
      await gateway.app.keyCache.refresh();
      return { key: created.key, id: created.record.id };
    },
    flushLog: () => gateway.app.requestLog.flush(),
    async stop() {
      await gateway.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
