import type { Logger } from '../../../../../common/log.ts';
import type { ChargeTablesRepository } from '../../data/chargeTablesRepository.ts';
import { rowsToTables } from './rows.ts';
import { parseChargeTables, type ChargeTables } from './tables.ts';

/**
 * The tables in use by one service instance (never per module), kept like the MarketDirectory
 * keeps markets: a lookup asks the database's change counter (one small indexed read) once
 * `maxAgeMs` has passed since the last check (default 0: at every evaluation, so a cart is priced by
 * the tables of the moment it is read), and reloads the rows only when the counter moved. An import
 * by another process, a mutation on another replica: seen at the next read, without a restart.
 * The database away: the tables known stay in use.
 */
export class ChargeTablesStore {
  private tables: ChargeTables;
  private version = -1;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private inflight: Promise<number> | null = null;

  constructor(
    private readonly repo: ChargeTablesRepository,
    private readonly log: Logger,
    private readonly options: { maxAgeMs?: number; now?: () => number } = {},
  ) {
    this.tables = rowsToTables([]);
  }

  /** The tables last loaded. */
  snapshot(): ChargeTables {
    return this.tables;
  }

  /** Brings the tables up to date when the counter moved; returns the version in use. */
  refresh(): Promise<number> {
    const now = (this.options.now ?? performance.now.bind(performance))();
    if (this.version >= 0 && now - this.checkedAt < (this.options.maxAgeMs ?? 0)) return Promise.resolve(this.version);
    // one check at a time: concurrent reads share it
    this.inflight ??= this.check(now).finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /** Forgets the last check: the next read asks the counter (after a change this instance made). */
  invalidate(): void {
    this.checkedAt = Number.NEGATIVE_INFINITY;
  }

  private async check(now: number): Promise<number> {
    try {
      const version = await this.repo.version();
      if (version !== this.version) {
        const snap = await this.repo.snapshot();
        // null-prototype records (keys a client names, such as a pickup location, look them up), checked as a whole
        const tables = rowsToTables(snap.rows);
        parseChargeTables(tables, 'charge tables in the database');
        this.tables = tables;
        this.version = snap.version;
      }
      this.checkedAt = now;
    } catch (err) {
      if (this.version < 0) throw err;
      this.log.warn({ err }, 'charge tables could not be refreshed; the tables known stay in use');
    }
    return this.version;
  }
}
