import type { Db, Queryable } from '../../../../common/storage/index.ts';
import type { CartLineView, CartView, CartWarningView, PromotionSnapshot, ShippingSelection, StockState, TypedValue } from '../services/cartView.ts';

interface CartRow {
  id: string;
  version: number;
  market: string;
  channel: string;
  currency_code: string;
  location: string | null;
  customer_id: string | null;
  status: 'ACTIVE' | 'ORDERED';
  discount_codes: string;
  shipping_address: string | null;
  shipping_method: string | null;
  promotion_snapshot: string | null;
  order_id: string | null;
  created_at: string;
  updated_at: string;
}

interface LineRow {
  id: string;
  cart_id: string;
  position: number;
  sku: string;
  quantity: number;
  unit_price_minor: number;
  attributes: string;
  stock_state: StockState;
}

interface WarningRow {
  id: string;
  cart_id: string;
  code: string;
  message: string;
  line_id: string | null;
  created_at: string;
}

function toView(row: CartRow, lines: LineRow[], warnings: WarningRow[]): CartView {
  return {
    id: row.id,
    version: Number(row.version),
    market: row.market,
    channel: row.channel,
    currencyCode: row.currency_code,
    location: row.location,
    customerId: row.customer_id ?? null,
    status: row.status,
    discountCodes: JSON.parse(row.discount_codes) as string[],
    shippingAddress: row.shipping_address ? (JSON.parse(row.shipping_address) as TypedValue) : null,
    shippingMethod: row.shipping_method ? (JSON.parse(row.shipping_method) as ShippingSelection) : null,
    promotionSnapshot: row.promotion_snapshot ? (JSON.parse(row.promotion_snapshot) as PromotionSnapshot) : null,
    orderId: row.order_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lines: lines
      .sort((a, b) => a.position - b.position)
      .map(
        (l): CartLineView => ({
          id: l.id,
          sku: l.sku,
          quantity: Number(l.quantity),
          unitPriceMinor: Number(l.unit_price_minor),
          currencyCode: row.currency_code,
          attributes: JSON.parse(l.attributes) as TypedValue[],
          stockState: l.stock_state,
          market: row.market,
          location: row.location,
        }),
      ),
    warnings: warnings.map((w): CartWarningView => ({ id: w.id, code: w.code, message: w.message, lineId: w.line_id, createdAt: w.created_at })),
  };
}

/** All SQL of the cart service. */
export class CartRepository {
  constructor(private readonly db: Db) {}

  async findMany(ids: readonly string[]): Promise<Map<string, CartView>> {
    const result = new Map<string, CartView>();
    if (ids.length === 0) return result;
    const marks = ids.map(() => '?').join(',');
    const carts = await this.db.all<CartRow>(`SELECT * FROM carts WHERE id IN (${marks})`, [...ids]);
    if (carts.length === 0) return result;
    const found = carts.map((c) => c.id);
    const fm = found.map(() => '?').join(',');
    const lines = await this.db.all<LineRow>(`SELECT * FROM cart_lines WHERE cart_id IN (${fm})`, found);
    const warnings = await this.db.all<WarningRow>(`SELECT * FROM cart_warnings WHERE cart_id IN (${fm}) ORDER BY created_at, id`, found);
    for (const c of carts) {
      result.set(c.id, toView(c, lines.filter((l) => l.cart_id === c.id), warnings.filter((w) => w.cart_id === c.id)));
    }
    return result;
  }

  async cartIdsOfLines(lineIds: readonly string[]): Promise<Map<string, string>> {
    if (lineIds.length === 0) return new Map();
    const rows = await this.db.all<{ id: string; cart_id: string }>(
      `SELECT id, cart_id FROM cart_lines WHERE id IN (${lineIds.map(() => '?').join(',')})`,
      [...lineIds],
    );
    return new Map(rows.map((r) => [r.id, r.cart_id]));
  }

  async recordCodeFailures(cartId: string, by: { keyId: string; client: string }, count: number, at: string, makeId: () => string): Promise<void> {
    for (let i = 0; i < count; i++) {
      await this.db.run('INSERT INTO code_failures (id, cart_id, key_id, client, at) VALUES (?, ?, ?, ?, ?)', [makeId(), cartId, by.keyId, by.client, at]);
    }
  }

  /** Records a cart creation and answers how many the key and the client created since `since` (this one included). */
  async recordCreation(id: string, keyId: string, client: string, at: string, since: string): Promise<{ key: number; client: number; oldestKey: string | null; oldestClient: string | null }> {
    await this.db.run('INSERT INTO cart_creations (id, key_id, client, at) VALUES (?, ?, ?, ?)', [id, keyId, client, at]);
    const k = await this.db.get<{ n: number; oldest: string | null }>('SELECT COUNT(*) AS n, MIN(at) AS oldest FROM cart_creations WHERE key_id = ? AND at > ?', [keyId, since]);
    const c = await this.db.get<{ n: number; oldest: string | null }>('SELECT COUNT(*) AS n, MIN(at) AS oldest FROM cart_creations WHERE client = ? AND at > ?', [client, since]);
    return { key: Number(k?.n ?? 0), client: Number(c?.n ?? 0), oldestKey: k?.oldest ?? null, oldestClient: c?.oldest ?? null };
  }

  /** Takes back a creation that was refused. */
  async deleteCreation(id: string): Promise<void> {
    await this.db.run('DELETE FROM cart_creations WHERE id = ?', [id]);
  }

  /** Takes back attempts recorded ahead of a check that turned out valid. */
  async deleteCodeFailures(ids: string[]): Promise<void> {
    if (ids.length) await this.db.run(`DELETE FROM code_failures WHERE id IN (${ids.map(() => '?').join(',')})`, ids);
  }

  /** Failed code attempts since `since`: count and oldest instant, per cart and per client. */
  async codeFailures(cartId: string, client: string, since: string): Promise<{ cart: { n: number; oldest: string | null }; client: { n: number; oldest: string | null } }> {
    const cart = await this.db.get<{ n: number; oldest: string | null }>('SELECT COUNT(*) AS n, MIN(at) AS oldest FROM code_failures WHERE cart_id = ? AND at > ?', [cartId, since]);
    const byClient = await this.db.get<{ n: number; oldest: string | null }>('SELECT COUNT(*) AS n, MIN(at) AS oldest FROM code_failures WHERE client = ? AND at > ?', [client, since]);
    return { cart: { n: Number(cart?.n ?? 0), oldest: cart?.oldest ?? null }, client: { n: Number(byClient?.n ?? 0), oldest: byClient?.oldest ?? null } };
  }

  async insert(cart: CartView): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.run(
        `INSERT INTO carts (id, version, market, channel, currency_code, location, customer_id, status, discount_codes, shipping_address, shipping_method, promotion_snapshot, order_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [cart.id, cart.version, cart.market, cart.channel, cart.currencyCode, cart.location, cart.customerId, cart.status, JSON.stringify(cart.discountCodes),
          cart.shippingAddress ? JSON.stringify(cart.shippingAddress) : null, cart.shippingMethod ? JSON.stringify(cart.shippingMethod) : null, cart.promotionSnapshot ? JSON.stringify(cart.promotionSnapshot) : null,
          cart.orderId, cart.createdAt, cart.updatedAt],
      );
      await this.writeChildren(tx, cart);
    });
  }

  /**
   * Replaces the cart's state if its version is still `expectedVersion` (optimistic concurrency).
   * Returns false, changing nothing, when another change won.
   */
  async replace(cart: CartView, expectedVersion: number): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const r = await tx.run(
        `UPDATE carts SET version = ?, customer_id = ?, status = ?, discount_codes = ?, shipping_address = ?, shipping_method = ?, promotion_snapshot = ?, order_id = ?, updated_at = ?
         WHERE id = ? AND version = ?`,
        [cart.version, cart.customerId, cart.status, JSON.stringify(cart.discountCodes), cart.shippingAddress ? JSON.stringify(cart.shippingAddress) : null,
          cart.shippingMethod ? JSON.stringify(cart.shippingMethod) : null,
          cart.promotionSnapshot ? JSON.stringify(cart.promotionSnapshot) : null, cart.orderId, cart.updatedAt, cart.id, expectedVersion],
      );
      if (r.changes !== 1) return false;
      await tx.run('DELETE FROM cart_lines WHERE cart_id = ?', [cart.id]);
      await tx.run('DELETE FROM cart_warnings WHERE cart_id = ?', [cart.id]);
      await this.writeChildren(tx, cart);
      return true;
    });
  }

  /** Writes the cart's lines and warnings (the caller removed the old ones). */
  private async writeChildren(tx: Queryable, cart: CartView): Promise<void> {
    let position = 0;
    for (const l of cart.lines) {
      await tx.run(
        'INSERT INTO cart_lines (id, cart_id, position, sku, quantity, unit_price_minor, attributes, stock_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [l.id, cart.id, position++, l.sku, l.quantity, l.unitPriceMinor, JSON.stringify(l.attributes), l.stockState],
      );
    }
    for (const w of cart.warnings) {
      await tx.run('INSERT INTO cart_warnings (id, cart_id, code, message, line_id, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
        w.id, cart.id, w.code, w.message, w.lineId, w.createdAt,
      ]);
    }
  }
}
