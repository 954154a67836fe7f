/** Process helpers shared by the gateway benchmarks (bench:federation, bench:commerce). */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { LoadOptions, LoadResult } from './load.ts';
import { GATEWAY_NODE_FLAGS } from '../gateway/nodeFlags.ts';

export const GATEWAY_CORE = process.env.BENCH_GATEWAY_CORE ?? '0';
export const LOAD_CORE = process.env.BENCH_LOAD_CORE ?? '1';

const children: ChildProcess[] = [];
let stopping = false;

export const tsx = (script: string, ...args: string[]) => [process.execPath, '--import', 'tsx', script, ...args];
/** our gateway's process, started with the Node flags production starts it with */
export const gatewayProcess = (script: string, ...args: string[]) => [process.execPath, ...GATEWAY_NODE_FLAGS, '--import', 'tsx', script, ...args];

/** A child process pinned to a core with taskset. */
export function pinned(core: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  const child = spawn('taskset', ['-c', core, ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err = (err + d).slice(-2000)));
  child.stdout!.resume();
  child.on('exit', (code) => {
    if (code && !stopping) console.error(`${args.join(' ').slice(0, 100)} exited ${code}: ${err}`);
  });
  children.push(child);
  return child;
}

export async function stopAll(): Promise<void> {
  stopping = true;
  loader?.child.stdin!.end();
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once('exit', r)))));
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Polls until `check` returns a value (not undefined). */
export async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${what} not ready (${String(last ?? '')})`);
}

function treePids(pid: number): number[] {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    try {
      const kids = readFileSync(`/proc/${pids[i]}/task/${pids[i]}/children`, 'utf8').trim();
      if (kids) pids.push(...kids.split(/\s+/).map(Number));
    } catch {
      // gone
    }
  }
  return pids;
}

/** Peak resident memory (VmHWM) of a process and its children, MiB. */
export function peakMemoryMiB(pid: number): number {
  let kb = 0;
  for (const p of treePids(pid)) {
    try {
      kb += Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return Math.round(kb / 1024);
}

/** CPU time (user + system) used so far by a process and its children, ms. */
export function cpuMs(pid: number): number {
  let ticks = 0;
  for (const p of treePids(pid)) {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return ticks * 10; // USER_HZ = 100
}

/** CPU time (user, nice, system, irq, softirq) of the whole machine so far, all cores, ms. */
export function machineCpuMs(): number {
  const [, user, nice, system, , , irq, softirq] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  return (user + nice + system + irq + softirq) * 10;
}

let loader: { child: ChildProcess; pending: ((line: string) => void)[] } | undefined;

/**
 * One load run in the load generator's process (pinned to the load core); with `pid`, also the CPU
 * that process (with its children) spent per request, and the whole machine's.
 */
export function load(options: LoadOptions, pid?: number): Promise<LoadResult & { cpuMsPerRequest?: number; machineCpuMsPerRequest?: number }> {
  if (!loader) {
    const child = pinned(LOAD_CORE, tsx('bench/load.ts'));
    const l = { child, pending: [] as ((line: string) => void)[] };
    let buffer = '';
    child.stdout!.removeAllListeners('data');
    child.stdout!.on('data', (d) => {
      buffer += d;
      let i;
      while ((i = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 1);
        if (line.startsWith('{')) l.pending.shift()?.(line);
      }
    });
    loader = l;
  }
  const before = pid ? cpuMs(pid) : 0;
  const machineBefore = machineCpuMs();
  const l = loader;
  return new Promise((resolve, reject) => {
    l.pending.push((line) => {
      const result = JSON.parse(line) as LoadResult & { error?: string };
      if (result.error) return reject(new Error(result.error));
      const perRequest = (ms: number) => Number((ms / Math.max(1, result.requests)).toFixed(2));
      resolve(pid ? { ...result, cpuMsPerRequest: perRequest(cpuMs(pid) - before), machineCpuMsPerRequest: perRequest(machineCpuMs() - machineBefore) } : result);
    });
    l.child.stdin!.write(JSON.stringify(options) + '\n');
  });
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
