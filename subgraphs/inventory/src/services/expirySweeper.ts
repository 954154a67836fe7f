import type { Logger } from '../../../../common/log.ts';

export const DEFAULT_SWEEP_INTERVAL_MS = 5000;

export interface ExpirySweeper {
  /** runs one sweep now (skipped while one is running); resolves with the number expired */
  sweep(): Promise<number>;
  /** stops the timer and waits for a running sweep */
  stop(): Promise<void>;
}

/**
 * Calls `sweep` every `intervalMs` (unref'd: it never keeps the process alive). Runs never
 * overlap; a failed run is logged and the next one tries again.
 */
export function startExpirySweeper(sweep: () => Promise<number>, intervalMs: number, log: Logger): ExpirySweeper {
  let running: Promise<number> | null = null;
  let stopped = false;
  const run = (): Promise<number> => {
    if (running) return running;
    running = sweep()
      .then((n) => {
        if (n > 0) log.info({ expired: n }, 'expired lapsed reservations');
        return n;
      })
      .catch((err: unknown) => {
        log.error({ err }, 'reservation expiry sweep failed');
        return 0;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) void run();
  }, intervalMs);
  timer.unref();
  return {
    sweep: run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (running) await running;
    },
  };
}
