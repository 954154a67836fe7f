import { openDatabase, type Db, type Migration } from '../storage/index.ts';

/**
 * Field usage per client, per day: how many operations of a client (name and version) used a
 * schema coordinate (`Type.field`, `Type.field(arg:)`, `Enum.VALUE`, `Input.field`) on a day (UTC).
 * Written by the gateway (gateway/usage.ts), read by the schema check and `npm run schema:usage`.
 */
export interface UsageRow {
  day: string;
  clientName: string;
  clientVersion: string;
  coordinate: string;
  count: number;
}

export interface CoordinateUsage {
  coordinate: string;
  clientName: string;
  clientVersion: string;
  count: number;
  firstDay: string;
  lastDay: string;
}

const MIGRATIONS: Migration[] = [
  {
    id: 1,
    name: 'field usage per client and day',
    sql: `CREATE TABLE field_usage (
      day TEXT NOT NULL,
      client_name TEXT NOT NULL,
      client_version TEXT NOT NULL,
      coordinate TEXT NOT NULL,
      count BIGINT NOT NULL,
      PRIMARY KEY (day, client_name, client_version, coordinate)
    );
    CREATE INDEX field_usage_coordinate ON field_usage (coordinate, day)`,
  },
];

export const UNKNOWN_CLIENT = 'unknown';

export class UsageStore {
  private constructor(private readonly db: Db) {}

  /** Opens (and creates) the store: a SQLite file, or a PostgreSQL schema (default `usage`) when a URL is given. */
  static async open(options: { file?: string; url?: string; schema?: string }): Promise<UsageStore> {
    const db = await openDatabase({ file: options.file, url: options.url, schema: options.schema ?? 'usage', service: 'usage', migrations: MIGRATIONS });
    return new UsageStore(db);
  }

  /** Adds counts (one transaction). Rows with the same key add up. */
  async add(rows: UsageRow[]): Promise<void> {
    if (!rows.length) return;
    await this.db.transaction(async (tx) => {
      for (const r of rows) {
        await tx.run(
          `INSERT INTO field_usage (day, client_name, client_version, coordinate, count) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (day, client_name, client_version, coordinate) DO UPDATE SET count = field_usage.count + excluded.count`,
          [r.day, r.clientName, r.clientVersion, r.coordinate, r.count],
        );
      }
    });
  }

  /** Usage since a day (inclusive, YYYY-MM-DD), per coordinate and client version; optionally of some coordinates only. */
  async since(day: string, coordinates?: string[]): Promise<CoordinateUsage[]> {
    const rows = await this.db.all<{ coordinate: string; client_name: string; client_version: string; count: number | string; first_day: string; last_day: string }>(
      `SELECT coordinate, client_name, client_version, SUM(count) AS count, MIN(day) AS first_day, MAX(day) AS last_day
       FROM field_usage WHERE day >= ? GROUP BY coordinate, client_name, client_version ORDER BY coordinate, client_name, client_version`,
      [day],
    );
    const wanted = coordinates ? new Set(coordinates) : null;
    return rows
      .filter((r) => !wanted || wanted.has(r.coordinate))
      .map((r) => ({
        coordinate: r.coordinate,
        clientName: r.client_name,
        clientVersion: r.client_version,
        count: Number(r.count),
        firstDay: r.first_day,
        lastDay: r.last_day,
      }));
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

/** The UTC day of an instant, YYYY-MM-DD. */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The first day of a window of `days` days ending with the day of `now`. */
export function windowStart(now: Date, days: number): string {
  return dayOf(new Date(now.getTime() - (days - 1) * 86_400_000));
}

/** "30d", "2w", "30" → days. */
export function parseDays(text: string): number {
  const m = /^(\d+)\s*([dw]?)$/.exec(text.trim());
  if (!m || Number(m[1]) < 1) throw new Error(`Not a window of days: "${text}" (use e.g. 30d or 2w).`);
  return Number(m[1]) * (m[2] === 'w' ? 7 : 1);
}
