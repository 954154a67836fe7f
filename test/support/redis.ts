import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { freePort } from './processes.ts';
import { waitFor } from './wait.ts';

/** Debian's redis-server (scripts/test-postgres.sh and CI install it); REDIS_SERVER points elsewhere. */
export const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';

/** Whether Redis tests can run here; with CI_REQUIRE_REDIS they fail instead of skipping when it is missing. */
export function redisAvailable(): boolean {
  if (existsSync(REDIS_SERVER)) return true;
  if (process.env.CI_REQUIRE_REDIS) throw new Error(`${REDIS_SERVER} is missing (apt-get install redis-server)`);
  console.warn(`skipped: ${REDIS_SERVER} is missing (apt-get install redis-server)`);
  return false;
}

const answers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('error', () => resolve(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
  });

/** A throwaway redis-server on a free loopback port, nothing saved to disk; stop and start it again on the same port. */
export class TestRedis {
  private child: ChildProcess | null = null;
  private constructor(readonly port: number) {}

  static async start(): Promise<TestRedis> {
    const r = new TestRedis(await freePort());
    await r.start();
    return r;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn(REDIS_SERVER, ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], { stdio: 'ignore' });
    await waitFor(() => answers(this.port), { what: `redis-server on port ${this.port}`, timeoutMs: 20_000 });
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }
}
