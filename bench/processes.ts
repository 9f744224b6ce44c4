import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A child process the benchmark started (and alone will stop). */
export interface Started {
  child: ChildProcess;
  pid: number;
  stop(): Promise<void>;
}

/** A started child process, stopped by `signal` (nginx wants SIGQUIT for a graceful stop). */
export function started(child: ChildProcess, signal: NodeJS.Signals): Started {
  return {
    child,
    pid: child.pid as number,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill(signal);
      }),
  };
}

/** Starts a command pinned to a CPU core and waits until `ready` matches its output. */
export function startPinned(
  core: number,
  command: string,
  args: string[],
  ready: RegExp,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn('taskset', ['-c', String(core), command, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${command} did not start: ${output}`)), 20_000);
    const onData = (data: Buffer) => {
      output += data.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve(started(child, 'SIGTERM'));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited with ${code}: ${output}`));
    });
  });
}

/**
 * CPU time (user + system) of a process, its threads and its live child processes (nginx's worker),
 * in microseconds, from /proc.
 */
export function cpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  let children = 0;
  try {
    const list = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    for (const child of list === '' ? [] : list.split(' ')) children += cpuMicros(Number(child));
  } catch {
    // No children file (old kernel) or the child exited: count the process alone.
  }
  return (ticks * 1_000_000) / 100 + children;
}

/** Resident set size in MB, from /proc. */
export function rssMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** Runs wrk (closed loop, max throughput) and returns requests per second. */
export function runWrk(
  core: number,
  url: string,
  luaScript: string,
  connections: number,
  seconds: number,
): Promise<{ rps: number; non2xx: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'taskset',
      ['-c', String(core), 'wrk', '-t1', `-c${connections}`, `-d${seconds}s`, '-s', luaScript, url],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (data: Buffer) => {
      output += data.toString();
    });
    child.stderr.on('data', (data: Buffer) => {
      output += data.toString();
    });
    child.once('exit', (code) => {
      const rps = /Requests\/sec:\s+([\d.]+)/.exec(output);
      if (code !== 0 || !rps) {
        reject(new Error(`wrk failed (${code}): ${output}`));
        return;
      }
      const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(output);
      resolve({ rps: Number(rps[1]), non2xx: non2xx ? Number(non2xx[1]) : 0, output });
    });
  });
}
