import type { BenchResults } from './run.js';

const targets = ['direct', 'nginx', 'node-floor', 'switchyard'] as const;

function ms(value: number | undefined): string {
  return value === undefined || Number.isNaN(value) ? 'n/a' : value.toFixed(3);
}

/** The Markdown tables of one run, with ratios against the direct call and nginx. */
export function renderReport(results: BenchResults): string {
  const lines: string[] = [];
  const direct = results.throughput.direct?.rps ?? Number.NaN;
  const nginx = results.throughput.nginx?.rps ?? Number.NaN;
  lines.push(
    `Run ${results.date}, Node ${results.node}, ${results.seconds} s per measurement, gateway and nginx pinned to core 0, simulator and load generator on core 1.`,
  );
  lines.push('');
  lines.push('**Throughput, non-streaming** (wrk, 64 connections, closed loop)');
  lines.push('');
  lines.push('| target | requests/s | vs direct | vs nginx | CPU µs/request (proxy) | proxy core use |');
  lines.push('|---|---|---|---|---|---|');
  for (const [name, row] of Object.entries(results.throughput)) {
    lines.push(
      `| ${name} | ${row.rps} | ${(row.rps / direct).toFixed(2)} | ${(row.rps / nginx).toFixed(2)} | ${row.cpuMicrosPerRequest ?? '–'} | ${row.coreUtilisation === null ? '–' : `${Math.round(row.coreUtilisation * 100)}%`} |`,
    );
  }
  lines.push('');
  lines.push(`Simulator CPU per request (direct run): ${results.simulatorCpuMicrosPerRequest ?? 'n/a'} µs.`);
  lines.push('');
  lines.push(
    '**Latency, open loop** (fixed arrival rate whatever the responses do; latency from send to complete response; ms)',
  );
  lines.push('');
  lines.push(
    '| target | rate | p50 | p90 | p99 | max | added p50 vs direct | added p99 vs direct | errors |',
  );
  lines.push('|---|---|---|---|---|---|---|---|---|');
  for (const rate of ['100', '500']) {
    const base = results.openLoop.direct?.[rate];
    for (const name of targets) {
      const row = results.openLoop[name]?.[rate];
      if (!row || !base) continue;
      lines.push(
        `| ${name} | ${rate}/s | ${ms(row.p50)} | ${ms(row.p90)} | ${ms(row.p99)} | ${ms(row.max)} | ${name === 'direct' ? '–' : ms(row.p50 - base.p50)} | ${name === 'direct' ? '–' : ms(row.p99 - base.p99)} | ${row.failed} |`,
      );
    }
  }
  lines.push('');
  lines.push('**Streaming time to first token** (300 sequential streams; ms)');
  lines.push('');
  lines.push('| target | p50 | p90 | added p50 vs direct |');
  lines.push('|---|---|---|---|');
  for (const name of targets) {
    const row = results.ttft[name];
    if (!row) continue;
    lines.push(
      `| ${name} | ${ms(row.p50)} | ${ms(row.p90)} | ${name === 'direct' ? '–' : ms(row.p50 - (results.ttft.direct?.p50 ?? Number.NaN))} |`,
    );
  }
  lines.push('');
  lines.push(`Switchyard RSS after load: ${results.rssAfterLoadMb.toFixed(1)} MB.`);
  return lines.join('\n');
}
