import type { Db, Migration } from '../../../../common/storage/index.ts';

/** Tables of the remote engines' adapters (ids far from the native engine's migrations). */
export const remoteMigrations: Migration[] = [
  {
    id: 20,
    name: 'remote engines: redemptions per order, commercetools shadow carts',
    sql: `
CREATE TABLE remote_redemptions (
  provider TEXT NOT NULL,
  order_id TEXT NOT NULL,
  market TEXT NOT NULL,
  external_id TEXT NOT NULL,
  version BIGINT,
  state TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (provider, order_id)
);
CREATE TABLE commercetools_carts (
  cart_id TEXT PRIMARY KEY,
  market TEXT NOT NULL,
  ct_cart_id TEXT NOT NULL,
  version BIGINT NOT NULL,
  snapshot TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`,
  },
  {
    id: 21,
    name: 'remote engines: what was synced to a commercetools cart (hash, last answer), items of a redemption (returns)',
    sql: `
ALTER TABLE commercetools_carts ADD COLUMN sync_hash TEXT;
ALTER TABLE commercetools_carts ADD COLUMN vendor_cart TEXT;
ALTER TABLE remote_redemptions ADD COLUMN items TEXT;
`,
  },
];

/** PENDING: the vendor call was sent (its answer may have been lost); REDEEMED; RELEASED. */
export type RemoteRedemptionState = 'PENDING' | 'REDEEMED' | 'RELEASED';

export interface RemoteRedemptionRow {
  provider: string;
  order_id: string;
  market: string;
  external_id: string;
  version: number | null;
  state: RemoteRedemptionState;
  updated_at: string;
  /** JSON of the items the vendor holds for the order and what was returned of them (adapter-specific); null when unknown */
  items?: string | null;
}

/** Which vendor object (Talon.One session, commercetools order) holds an order's redemption. */
export class RemoteRedemptionRepository {
  constructor(private readonly db: Db) {}

  async get(provider: string, orderId: string): Promise<RemoteRedemptionRow | undefined> {
    const row = await this.db.get<RemoteRedemptionRow>(
      'SELECT provider, order_id, market, external_id, version, state, updated_at, items FROM remote_redemptions WHERE provider = ? AND order_id = ?',
      [provider, orderId],
    );
    return row && { ...row, version: row.version === null ? null : Number(row.version) };
  }

  async save(row: RemoteRedemptionRow): Promise<void> {
    await this.db.run(
      `INSERT INTO remote_redemptions (provider, order_id, market, external_id, version, state, updated_at, items) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (provider, order_id) DO UPDATE SET external_id = excluded.external_id, version = excluded.version, state = excluded.state, updated_at = excluded.updated_at,
         items = COALESCE(excluded.items, remote_redemptions.items)`,
      [row.provider, row.order_id, row.market, row.external_id, row.version, row.state, row.updated_at, row.items ?? null],
    );
  }
}

export interface ShadowCartRow {
  cart_id: string;
  market: string;
  ct_cart_id: string;
  version: number;
  /** JSON of what the adapter last saw of the vendor cart (line items by key, discount codes by code, address, refused codes) */
  snapshot: string;
  updated_at: string;
  /** hash of what was synced (lines, codes, customer, address): an evaluation writes only when it changed */
  sync_hash: string | null;
  /** the vendor's last answer (the cart JSON), answered again while nothing changed */
  vendor_cart: string | null;
}

/** Our cart id → the commercetools shadow cart (id, last known version and content). */
export class ShadowCartRepository {
  constructor(private readonly db: Db) {}

  async get(cartId: string): Promise<ShadowCartRow | undefined> {
    const row = await this.db.get<ShadowCartRow>('SELECT cart_id, market, ct_cart_id, version, snapshot, updated_at, sync_hash, vendor_cart FROM commercetools_carts WHERE cart_id = ?', [cartId]);
    return row && { ...row, version: Number(row.version) };
  }

  /** Stores the mapping; a concurrent writer that saw a newer version of the vendor cart wins. */
  async save(row: ShadowCartRow): Promise<void> {
    await this.db.run(
      `INSERT INTO commercetools_carts (cart_id, market, ct_cart_id, version, snapshot, updated_at, sync_hash, vendor_cart) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (cart_id) DO UPDATE SET ct_cart_id = excluded.ct_cart_id, version = excluded.version, snapshot = excluded.snapshot, updated_at = excluded.updated_at,
         sync_hash = excluded.sync_hash, vendor_cart = excluded.vendor_cart
       WHERE commercetools_carts.ct_cart_id <> excluded.ct_cart_id OR commercetools_carts.version <= excluded.version`,
      [row.cart_id, row.market, row.ct_cart_id, row.version, row.snapshot, row.updated_at, row.sync_hash, row.vendor_cart],
    );
  }

  async delete(cartId: string): Promise<void> {
    await this.db.run('DELETE FROM commercetools_carts WHERE cart_id = ?', [cartId]);
  }
}
