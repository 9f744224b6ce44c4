import { Pool } from 'undici';

/** Latency percentiles in milliseconds. */
export interface LatencySummary {
  sent: number;
  ok: number;
  failed: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface OpenLoopOptions {
  url: string;
  path: string;
  rps: number;
  durationMs: number;
  body: string;
  headers: Record<string, string>;
}

/**
 * Open-loop load: requests are sent on a fixed schedule whatever the responses do (so a slow server
 * cannot slow the arrivals down and hide its queueing), and latency is measured from the moment each
 * request was handed to the client.
 */
export async function runOpenLoop(options: OpenLoopOptions): Promise<LatencySummary> {
  const pool = new Pool(options.url, { connections: 256, pipelining: 1 });
  const intervalMs = 1000 / options.rps;
  const total = Math.round((options.durationMs / 1000) * options.rps);
  const latencies: number[] = [];
  let failed = 0;
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let index = 0; index < total; index++) {
    const scheduled = start + index * intervalMs;
    const wait = scheduled - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const sentAt = performance.now();
    pending.push(
      pool
        .request({ method: 'POST', path: options.path, headers: options.headers, body: options.body })
        .then(async (response) => {
          await response.body.dump();
          if (response.statusCode === 200) latencies.push(performance.now() - sentAt);
          else failed++;
        })
        .catch(() => {
          failed++;
        }),
    );
  }
  await Promise.all(pending);
  await pool.close();
  latencies.sort((a, b) => a - b);
  const at = (fraction: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(fraction * latencies.length))] ?? Number.NaN;
  return {
    sent: total,
    ok: latencies.length,
    failed,
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    max: latencies.at(-1) ?? Number.NaN,
  };
}

/** Median time to the first streamed content chunk over `count` sequential streaming requests. */
export async function measureTimeToFirstToken(options: {
  url: string;
  path: string;
  body: string;
  headers: Record<string, string>;
  count: number;
}): Promise<{ p50: number; p90: number }> {
  const pool = new Pool(options.url, { connections: 4 });
  const samples: number[] = [];
  for (let index = 0; index < options.count; index++) {
    const started = performance.now();
    const response = await pool.request({
      method: 'POST',
      path: options.path,
      headers: options.headers,
      body: options.body,
    });
    let seen = '';
    let first = Number.NaN;
    for await (const chunk of response.body) {
      seen += chunk.toString();
      if (Number.isNaN(first) && /"content":"[^"]/.test(seen)) first = performance.now() - started;
    }
    samples.push(first);
  }
  await pool.close();
  samples.sort((a, b) => a - b);
  return {
    p50: samples[Math.floor(samples.length / 2)] ?? Number.NaN,
    p90: samples[Math.floor(samples.length * 0.9)] ?? Number.NaN,
  };
}
