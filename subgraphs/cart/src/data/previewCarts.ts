import type { Db, Migration } from '../../../../common/storage/index.ts';
import { migrations } from './migrations.ts';

/** Preview carts carry this prefix, so every request knows which store a cart id belongs to. */
export const PREVIEW_CART_PREFIX = 'preview-';

export const isPreviewCartId = (id: string) => id.startsWith(PREVIEW_CART_PREFIX);

/**
 * The preview store has the cart tables (same migrations) plus the expiry of each preview cart. Its own
 * migration ids start at 1000 so they never collide with the cart migrations.
 */
export const previewMigrations: Migration[] = [
  ...migrations,
  {
    id: 1000,
    name: 'preview carts expire',
    sql: `
CREATE TABLE preview_cart_expiry (
  cart_id TEXT PRIMARY KEY,
  expires_at TEXT NOT NULL
);
CREATE INDEX preview_cart_expiry_at ON preview_cart_expiry (expires_at);
`,
  },
];

/**
 * Carts created while previewing a future instant live in a database of their own (a separate SQLite
 * file, or the `<schema>_preview` schema on PostgreSQL), never among live carts, and expire by real time.
 */
export class PreviewCartExpiry {
  constructor(private readonly db: Db) {}

  async register(cartId: string, expiresAt: string): Promise<void> {
    await this.db.run('INSERT INTO preview_cart_expiry (cart_id, expires_at) VALUES (?, ?)', [cartId, expiresAt]);
  }

  /** Ids among these that have expired (or were never registered). */
  async expired(ids: readonly string[], now: string): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const live = await this.db.all<{ cart_id: string }>(
      `SELECT cart_id FROM preview_cart_expiry WHERE expires_at > ? AND cart_id IN (${ids.map(() => '?').join(',')})`,
      [now, ...ids],
    );
    const alive = new Set(live.map((r) => r.cart_id));
    return new Set(ids.filter((id) => !alive.has(id)));
  }

  /** Deletes expired preview carts with their lines, warnings and code attempts. Returns how many. */
  async sweep(now: string): Promise<number> {
    return this.db.transaction(async (tx) => {
      const ids = (await tx.all<{ cart_id: string }>('SELECT cart_id FROM preview_cart_expiry WHERE expires_at <= ?', [now])).map((r) => r.cart_id);
      if (ids.length === 0) return 0;
      const marks = ids.map(() => '?').join(',');
      for (const table of ['cart_lines', 'cart_warnings', 'code_failures']) await tx.run(`DELETE FROM ${table} WHERE cart_id IN (${marks})`, ids);
      await tx.run(`DELETE FROM carts WHERE id IN (${marks})`, ids);
      await tx.run(`DELETE FROM preview_cart_expiry WHERE cart_id IN (${marks})`, ids);
      return ids.length;
    });
  }
}
