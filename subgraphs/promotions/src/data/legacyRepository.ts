import type { Queryable } from '../../../../common/storage/index.ts';
import type { LegacyCartDiscount, LegacyDiscountCode, LegacyTarget, LegacyValue } from '../services/legacy/model.ts';

export interface LegacyCartDiscountRow {
  id: string;
  market: string;
  name: string;
  sort_order: string;
  stacking_mode: string;
  predicate: string;
  /** JSON LegacyValue */
  value: string;
  /** JSON LegacyTarget */
  target: string;
  requires_discount_code: number;
  is_active: number;
  valid_from: string | null;
  valid_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface LegacyDiscountCodeRow {
  market: string;
  code: string;
  /** JSON array of cart discount ids */
  cart_discount_ids: string;
  is_active: number;
  valid_from: string | null;
  valid_until: string | null;
  max_applications: number | null;
  applications: number;
  created_at: string;
}

const CD_COLUMNS = `id, market, name, sort_order, stacking_mode, predicate, value, target, requires_discount_code, is_active,
  valid_from, valid_until, created_at, updated_at`;
const CODE_COLUMNS = 'market, code, cart_discount_ids, is_active, valid_from, valid_until, max_applications, applications, created_at';
const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(',');

export function toLegacyCartDiscount(r: LegacyCartDiscountRow): LegacyCartDiscount {
  return {
    id: r.id,
    market: r.market,
    name: r.name,
    sortOrder: r.sort_order,
    stackingMode: r.stacking_mode === 'StopAfterThisDiscount' ? 'StopAfterThisDiscount' : 'Stacking',
    predicate: r.predicate,
    value: JSON.parse(r.value) as LegacyValue,
    target: JSON.parse(r.target) as LegacyTarget,
    requiresDiscountCode: Number(r.requires_discount_code) === 1,
    isActive: Number(r.is_active) === 1,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    createdAt: r.created_at,
  };
}

export function toLegacyDiscountCode(r: LegacyDiscountCodeRow): LegacyDiscountCode {
  return {
    market: r.market,
    code: r.code,
    cartDiscountIds: JSON.parse(r.cart_discount_ids) as string[],
    isActive: Number(r.is_active) === 1,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    maxApplications: r.max_applications === null ? null : Number(r.max_applications),
    applications: Number(r.applications),
  };
}

/** The legacy engine's tables. Works on a Db or inside a transaction. */
export class LegacyRepository {
  constructor(private readonly q: Queryable) {}

  /** Active automatic cart discounts of a market live at `at` (uses legacy_cart_discounts_automatic). */
  automatic(market: string, at: string): Promise<LegacyCartDiscountRow[]> {
    return this.q.all<LegacyCartDiscountRow>(
      `SELECT ${CD_COLUMNS} FROM legacy_cart_discounts
       WHERE market = ? AND requires_discount_code = 0 AND is_active = 1
         AND (valid_from IS NULL OR valid_from <= ?) AND (valid_until IS NULL OR valid_until > ?)`,
      [market, at, at],
    );
  }

  cartDiscountsByIds(ids: readonly string[]): Promise<LegacyCartDiscountRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.q.all<LegacyCartDiscountRow>(`SELECT ${CD_COLUMNS} FROM legacy_cart_discounts WHERE id IN (${placeholders(ids.length)})`, [...ids]);
  }

  cartDiscount(id: string): Promise<LegacyCartDiscountRow | undefined> {
    return this.q.get<LegacyCartDiscountRow>(`SELECT ${CD_COLUMNS} FROM legacy_cart_discounts WHERE id = ?`, [id]);
  }

  listCartDiscounts(market: string): Promise<LegacyCartDiscountRow[]> {
    return this.q.all<LegacyCartDiscountRow>(`SELECT ${CD_COLUMNS} FROM legacy_cart_discounts WHERE market = ? ORDER BY sort_order DESC`, [market]);
  }

  codes(market: string, upperCodes: readonly string[]): Promise<LegacyDiscountCodeRow[]> {
    if (upperCodes.length === 0) return Promise.resolve([]);
    return this.q.all<LegacyDiscountCodeRow>(
      `SELECT ${CODE_COLUMNS} FROM legacy_discount_codes WHERE market = ? AND code IN (${placeholders(upperCodes.length)})`,
      [market, ...upperCodes],
    );
  }

  /** Serialises changes of one market's cart discounts (a row lock on PostgreSQL; SQLite writes are serial anyway). */
  async lockMarket(market: string): Promise<void> {
    await this.q.run(
      `INSERT INTO legacy_market_locks (market, changes) VALUES (?, 1) ON CONFLICT (market) DO UPDATE SET changes = legacy_market_locks.changes + 1`,
      [market],
    );
  }

  /** Active automatic cart discounts of a market not yet expired at `at` (the ones the cap counts). */
  async countActiveAutomatic(market: string, at: string, exceptId: string | null = null): Promise<number> {
    const row = await this.q.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM legacy_cart_discounts
       WHERE market = ? AND requires_discount_code = 0 AND is_active = 1 AND (valid_until IS NULL OR valid_until > ?) AND id <> ?`,
      [market, at, exceptId ?? ''],
    );
    return Number(row?.n ?? 0);
  }

  async sortOrderTaken(market: string, sortOrder: string): Promise<boolean> {
    return (await this.q.get('SELECT id FROM legacy_cart_discounts WHERE market = ? AND sort_order = ?', [market, sortOrder])) !== undefined;
  }

  async insertCartDiscount(r: LegacyCartDiscountRow): Promise<void> {
    await this.q.run(`INSERT INTO legacy_cart_discounts (${CD_COLUMNS}) VALUES (${placeholders(14)})`, [
      r.id, r.market, r.name, r.sort_order, r.stacking_mode, r.predicate, r.value, r.target, r.requires_discount_code, r.is_active,
      r.valid_from, r.valid_until, r.created_at, r.updated_at,
    ]);
  }

  async setActive(id: string, active: boolean, at: string): Promise<void> {
    await this.q.run('UPDATE legacy_cart_discounts SET is_active = ?, updated_at = ? WHERE id = ?', [active ? 1 : 0, at, id]);
  }

  async insertCode(r: LegacyDiscountCodeRow): Promise<void> {
    await this.q.run(`INSERT INTO legacy_discount_codes (${CODE_COLUMNS}) VALUES (${placeholders(9)})`, [
      r.market, r.code, r.cart_discount_ids, r.is_active, r.valid_from, r.valid_until, r.max_applications, r.applications, r.created_at,
    ]);
  }

  async isEmpty(): Promise<boolean> {
    const row = await this.q.get<{ n: number }>('SELECT COUNT(*) AS n FROM legacy_cart_discounts');
    return Number(row?.n ?? 0) === 0;
  }

  // --- redemptions ---

  /** true when this call owns the order's redemption (first time, or after a release). */
  async claimOrder(orderId: string, at: string): Promise<boolean> {
    const r = await this.q.run(
      `INSERT INTO legacy_orders (order_id, status, updated_at) VALUES (?, 'ACTIVE', ?)
       ON CONFLICT (order_id) DO UPDATE SET status = 'ACTIVE', updated_at = excluded.updated_at WHERE legacy_orders.status = 'RELEASED'`,
      [orderId, at],
    );
    return r.changes === 1;
  }

  /** Atomic check-and-increment of a code's applications: false when it is used up. */
  async consumeCode(market: string, code: string): Promise<boolean> {
    const r = await this.q.run(
      'UPDATE legacy_discount_codes SET applications = applications + 1 WHERE market = ? AND code = ? AND (max_applications IS NULL OR applications < max_applications)',
      [market, code],
    );
    return r.changes === 1;
  }

  async recordRedemption(orderId: string, market: string, code: string, at: string): Promise<void> {
    await this.q.run(
      `INSERT INTO legacy_redemptions (order_id, market, code, status, created_at, released_at) VALUES (?, ?, ?, 'ACTIVE', ?, NULL)
       ON CONFLICT (order_id, code) DO UPDATE SET status = 'ACTIVE', created_at = excluded.created_at, released_at = NULL`,
      [orderId, market, code, at],
    );
  }

  /** Releases the order's redemptions and gives the codes' applications back. Idempotent. */
  async release(orderId: string, at: string): Promise<number> {
    const owned = await this.q.run(`UPDATE legacy_orders SET status = 'RELEASED', updated_at = ? WHERE order_id = ? AND status = 'ACTIVE'`, [at, orderId]);
    if (owned.changes === 0) return 0;
    const rows = await this.q.all<{ market: string; code: string }>(`SELECT market, code FROM legacy_redemptions WHERE order_id = ? AND status = 'ACTIVE'`, [orderId]);
    for (const r of rows) {
      await this.q.run(`UPDATE legacy_redemptions SET status = 'RELEASED', released_at = ? WHERE order_id = ? AND code = ?`, [at, orderId, r.code]);
      await this.q.run('UPDATE legacy_discount_codes SET applications = applications - 1 WHERE market = ? AND code = ? AND applications > 0', [r.market, r.code]);
    }
    return rows.length;
  }

  async applications(market: string, code: string): Promise<number> {
    const row = await this.q.get<{ applications: number }>('SELECT applications FROM legacy_discount_codes WHERE market = ? AND code = ?', [market, code]);
    return Number(row?.applications ?? 0);
  }
}
