// Benchmark: the same workload, in one run, at the simulator directly, through an nginx proxy_pass hop
// and through Switchyard (auth, routing, cost and request logging on). Writes bench/results/latest.json
// and the tables in BENCHMARKS.md. Targets only 127.0.0.1; every process it starts, it stops.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { measureTimeToFirstToken, runOpenLoop } from './open-loop.js';
import { cpuMicros, rssMegabytes, runWrk, type Started, startPinned } from './processes.js';
import { renderReport } from './report.js';
import { freePort, nginxConfig, startNginxQuietly, wrkScript } from './services.js';
import { syntheticCatalog } from './synthetic-catalog.js';

const root = path.resolve(import.meta.dirname, '..');
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const gatewayCore = 0;
const driverCore = 1;

interface Target {
  name: string;
  port: number;
  model: string;
  pid: number | undefined;
  /** Only the closed-loop throughput run (the routing-scale comparison rows). */
  throughputOnly?: boolean;
}

async function main(): Promise<void> {
  // The load generators in this process must not compete with the gateway for its core.
  execFileSync('taskset', ['-a', '-cp', String(driverCore), String(process.pid)], { stdio: 'ignore' });
  execFileSync('node', ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  const directory = mkdtempSync(path.join(tmpdir(), 'switchyard-bench-'));
  const started: Started[] = [];
  try {
    const [simulatorPort, nginxPort, gatewayPort, minimalPort, largePort] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    const cli = path.join(root, 'bin/switchyard.js');
    started.push(
      await startPinned(driverCore, 'node', [cli, 'simulator', '--port', String(simulatorPort)], /listening/),
    );
    const simulatorPid = started[0]?.pid;
    writeFileSync(path.join(directory, 'nginx.conf'), nginxConfig(directory, nginxPort, simulatorPort));
    // nginx prints nothing when it starts, so readiness is polled on its port.
    const nginxProcess = await startNginxQuietly(directory, nginxPort, gatewayCore);
    started.push(nginxProcess);
    const config = `logging: { level: warn }\nproviders:\n  sim: { type: simulator, baseUrl: "http://127.0.0.1:${simulatorPort}/v1" }\nmodels:\n  bench: { targets: [ { provider: sim, model: demo-fast } ] }\n`;
    writeFileSync(path.join(directory, 'switchyard.yaml'), config);
    const dataDir = path.join(directory, 'data');
    const key = JSON.parse(
      execFileSync(
        'node',
        [cli, 'keys', 'create', '--offline', '--json', '--name', 'bench', '--data-dir', dataDir],
        {
          encoding: 'utf8',
        },
      ),
    ).key as string;
    const gateway = await startPinned(
      gatewayCore,
      'node',
      [
        cli,
        'start',
        '--port',
        String(gatewayPort),
        '--config',
        path.join(directory, 'switchyard.yaml'),
        '--data-dir',
        dataDir,
      ],
      /listening on/,
    );
    started.push(gateway);
    const minimal = await startPinned(
      gatewayCore,
      'node',
      [
        '--import',
        'tsx',
        path.join(root, 'bench/minimal-node-proxy.ts'),
        String(minimalPort),
        String(simulatorPort),
      ],
      /listening/,
    );
    started.push(minimal);
    // The same gateway with a 10,000-model catalog, to show routing cost does not grow with it.
    const largeCatalog = path.join(directory, 'catalog-10000.json');
    writeFileSync(largeCatalog, JSON.stringify(syntheticCatalog(10_000)));
    writeFileSync(
      path.join(directory, 'switchyard-10k.yaml'),
      `${config}catalog: { files: ["${largeCatalog}"] }\n`,
    );
    const largeGateway = await startPinned(
      gatewayCore,
      'node',
      [
        cli,
        'start',
        '--port',
        String(largePort),
        '--config',
        path.join(directory, 'switchyard-10k.yaml'),
        '--data-dir',
        dataDir,
      ],
      /listening on/,
    );
    started.push(largeGateway);
    const targets: Target[] = [
      { name: 'direct', port: simulatorPort, model: 'demo-fast', pid: undefined },
      { name: 'nginx', port: nginxPort, model: 'demo-fast', pid: nginxProcess.pid },
      { name: 'node-floor', port: minimalPort, model: 'demo-fast', pid: minimal.pid },
      { name: 'switchyard', port: gatewayPort, model: 'bench', pid: gateway.pid },
      {
        name: 'switchyard strategy:cost, 26-model catalog',
        port: gatewayPort,
        model: 'strategy:cost',
        pid: gateway.pid,
        throughputOnly: true,
      },
      {
        name: 'switchyard strategy:cost, 10,026-model catalog',
        port: largePort,
        model: 'strategy:cost',
        pid: largeGateway.pid,
        throughputOnly: true,
      },
      {
        name: 'switchyard alias, 10,026-model catalog',
        port: largePort,
        model: 'bench',
        pid: largeGateway.pid,
        throughputOnly: true,
      },
    ];
    const results = await measure(targets, directory, key, simulatorPid);
    results.rssAfterLoadMb = rssMegabytes(gateway.pid);
    const resultsDirectory = path.join(root, 'bench/results');
    mkdirSync(resultsDirectory, { recursive: true });
    writeFileSync(path.join(resultsDirectory, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
    const report = renderReport(results);
    process.stdout.write(`${report}\n`);
    const benchmarks = path.join(root, 'BENCHMARKS.md');
    const current = readFileSync(benchmarks, 'utf8');
    const begin = '<!-- bench:begin -->';
    const end = '<!-- bench:end -->';
    const updated = current.includes(begin)
      ? `${current.slice(0, current.indexOf(begin) + begin.length)}\n${report}\n${current.slice(current.indexOf(end))}`
      : `${current}\n${begin}\n${report}\n${end}\n`;
    writeFileSync(benchmarks, updated);
  } finally {
    for (const process of started.reverse()) await process.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

export interface BenchResults {
  date: string;
  node: string;
  seconds: number;
  throughput: Record<
    string,
    { rps: number; non2xx: number; cpuMicrosPerRequest: number | null; coreUtilisation: number | null }
  >;
  openLoop: Record<
    string,
    Record<string, { p50: number; p90: number; p99: number; max: number; ok: number; failed: number }>
  >;
  ttft: Record<string, { p50: number; p90: number }>;
  simulatorCpuMicrosPerRequest: number | null;
  rssAfterLoadMb: number;
}

async function measure(
  targets: Target[],
  directory: string,
  key: string,
  simulatorPid: number | undefined,
): Promise<BenchResults> {
  const results: BenchResults = {
    date: new Date().toISOString(),
    node: process.version,
    seconds,
    throughput: {},
    openLoop: {},
    ttft: {},
    simulatorCpuMicrosPerRequest: null,
    rssAfterLoadMb: 0,
  };
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${key}` };
  for (const target of targets) {
    const body = JSON.stringify({
      model: target.model,
      messages: [{ role: 'user', content: 'Hello, how are you today?' }],
    });
    // Warm up JIT, pools and caches.
    await runOpenLoop({
      url: `http://127.0.0.1:${target.port}`,
      path: '/v1/chat/completions',
      rps: 500,
      durationMs: 2000,
      body,
      headers,
    });
    const script = wrkScript(directory, target.name.replace(/\W+/g, '-'), body, key);
    const cpuBefore = target.pid ? cpuMicros(target.pid) : 0;
    const simulatorBefore = simulatorPid ? cpuMicros(simulatorPid) : 0;
    const wrk = await runWrk(
      driverCore,
      `http://127.0.0.1:${target.port}/v1/chat/completions`,
      script,
      64,
      seconds,
    );
    const requests = wrk.rps * seconds;
    const cpu = target.pid ? cpuMicros(target.pid) - cpuBefore : null;
    results.throughput[target.name] = {
      rps: Math.round(wrk.rps),
      non2xx: wrk.non2xx,
      cpuMicrosPerRequest: cpu === null ? null : Math.round((cpu / requests) * 10) / 10,
      coreUtilisation: cpu === null ? null : Math.round((cpu / (seconds * 1e6)) * 100) / 100,
    };
    if (target.name === 'direct' && simulatorPid) {
      results.simulatorCpuMicrosPerRequest =
        Math.round(((cpuMicros(simulatorPid) - simulatorBefore) / requests) * 10) / 10;
    }
    if (target.throughputOnly) continue;
    const openLoop: BenchResults['openLoop'][string] = {};
    for (const rps of [100, 500]) {
      const summary = await runOpenLoop({
        url: `http://127.0.0.1:${target.port}`,
        path: '/v1/chat/completions',
        rps,
        durationMs: seconds * 1000,
        body,
        headers,
      });
      openLoop[String(rps)] = round(summary);
    }
    results.openLoop[target.name] = openLoop;
    const streamBody = JSON.stringify({
      model: target.model,
      stream: true,
      messages: [{ role: 'user', content: 'Stream me an answer' }],
    });
    results.ttft[target.name] = round(
      await measureTimeToFirstToken({
        url: `http://127.0.0.1:${target.port}`,
        path: '/v1/chat/completions',
        body: streamBody,
        headers,
        count: 300,
      }),
    );
  }
  return results;
}

function round<T extends object>(values: T): T {
  const copy: Record<string, unknown> = { ...(values as Record<string, unknown>) };
  for (const [key, value] of Object.entries(copy))
    if (typeof value === 'number') copy[key] = Math.round(value * 1000) / 1000;
  return copy as T;
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
