import type { Clock } from '../../../../common/clock.ts';
import type { Logger } from '../../../../common/log.ts';
import type { IdempotencyRow } from '../data/ordersRepository.ts';
import type { RetentionRepository } from '../data/retentionRepository.ts';

export const HOUR_MS = 3600_000;
export const MIN_IDEMPOTENCY_RETENTION_MS = 24 * HOUR_MS;

export interface RetentionSettings {
  /** DONE idempotency keys are kept this long (never less than 24 h: it is clamped) */
  idempotencyRetentionMs: number;
  /** DELIVERED webhook delivery rows are kept this long */
  deliveredRetentionMs: number;
  /** an IN_PROGRESS key older than this belongs to an attempt that died (crash): it is recovered */
  attemptTimeoutMs: number;
}

export const DEFAULT_RETENTION_SETTINGS: RetentionSettings = {
  idempotencyRetentionMs: 7 * 24 * HOUR_MS,
  deliveredRetentionMs: 30 * 24 * HOUR_MS,
  attemptTimeoutMs: 120_000,
};

export interface RetentionResult {
  purgedKeys: number;
  recoveredAttempts: number;
  purgedDeliveries: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Retention and crash recovery of the orders database (docs/operations.md):
 * - DONE idempotency keys older than the retention (≥ 24 h) are deleted; a client retrying such a
 *   key later starts a new attempt, which the cart (already ordered) refuses.
 * - IN_PROGRESS keys older than the attempt timeout belong to attempts that died with their
 *   process. They are freed, and the attempt's possible reservation and redemptions are released by
 *   follow-up tasks. A client retrying the key then runs the order as a first attempt and gets one
 *   order; the dead attempt can never write its order afterwards (the write needs its key).
 * - DELIVERED webhook deliveries older than their retention are deleted (dead letters stay until
 *   replayed and delivered; the outbox events themselves stay).
 */
export class Retention {
  readonly settings: RetentionSettings;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<RetentionResult> | null = null;

  constructor(
    private readonly repo: RetentionRepository,
    private readonly clock: Clock,
    private readonly log: Logger,
    settings: Partial<RetentionSettings> = {},
  ) {
    const s = { ...DEFAULT_RETENTION_SETTINGS, ...settings };
    this.settings = { ...s, idempotencyRetentionMs: Math.max(MIN_IDEMPOTENCY_RETENTION_MS, s.idempotencyRetentionMs) };
  }

  /** True when an IN_PROGRESS key is older than the attempt timeout. */
  isStale(row: Pick<IdempotencyRow, 'status' | 'created_at'>): boolean {
    return row.status === 'IN_PROGRESS' && Date.parse(row.created_at) < this.clock.now().getTime() - this.settings.attemptTimeoutMs;
  }

  /** Recovers one abandoned attempt now (placeOrder calls it when a retry finds a stale key). False when it was not stale or is gone. */
  recover(row: IdempotencyRow): Promise<boolean> {
    const now = this.clock.now().getTime();
    return this.repo.abandon(row, iso(now - this.settings.attemptTimeoutMs), iso(now));
  }

  /** One pass; runs never overlap. */
  sweep(): Promise<RetentionResult> {
    if (!this.running) {
      this.running = this.pass().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private async pass(): Promise<RetentionResult> {
    const now = this.clock.now().getTime();
    const purgedKeys = await this.repo.purgeDoneKeys(iso(now - this.settings.idempotencyRetentionMs));
    let recoveredAttempts = 0;
    const staleBefore = iso(now - this.settings.attemptTimeoutMs);
    for (;;) {
      const stale = await this.repo.staleAttempts(staleBefore, 100);
      for (const row of stale) if (await this.repo.abandon(row, staleBefore, iso(now))) recoveredAttempts++;
      if (stale.length < 100) break;
    }
    const purgedDeliveries = await this.repo.purgeDelivered(iso(now - this.settings.deliveredRetentionMs));
    const result = { purgedKeys, recoveredAttempts, purgedDeliveries };
    if (recoveredAttempts) this.log.warn(result, 'recovered abandoned order attempts (their stock and promotions are released)');
    else if (purgedKeys || purgedDeliveries) this.log.info(result, 'retention sweep');
    return result;
  }

  /** Sweeps now and then every `intervalMs` (timer unref'd) until stop(). */
  start(intervalMs: number, onRecovered: () => void = () => undefined): void {
    const tick = () =>
      void this.sweep()
        .then((r) => r.recoveredAttempts && onRecovered())
        .catch((e) => this.log.warn({ err: (e as Error).message }, 'retention sweep failed; will retry'));
    tick();
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }
}
