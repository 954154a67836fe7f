import { OUTBOX_TABLES_SQL } from '../../../../common/events/outbox.ts';
import type { Migration } from '../../../../common/storage/index.ts';

/**
 * Portable SQL (SQLite 3.35+ and PostgreSQL): TEXT ids, INTEGER quantities, ISO-8601 text instants.
 * `stock.reserved` is the sum of the quantities of HELD reservation lines at that (sku, location);
 * every change to `on_hand` or `reserved` writes a row to `stock_movements`.
 */
export const migrations: Migration[] = [
  {
    id: 1,
    name: 'locations, stock, reservations, movements, adjustments',
    sql: `
CREATE TABLE locations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('WAREHOUSE', 'STORE')),
  markets TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE stock (
  sku TEXT NOT NULL,
  location TEXT NOT NULL REFERENCES locations(id),
  on_hand INTEGER NOT NULL DEFAULT 0,
  reserved INTEGER NOT NULL DEFAULT 0 CHECK (reserved >= 0),
  PRIMARY KEY (sku, location)
);
CREATE TABLE reservations (
  id TEXT PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ('HELD', 'COMMITTED', 'RELEASED', 'EXPIRED')),
  market TEXT NOT NULL,
  location TEXT,
  expires_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  actor TEXT NOT NULL
);
CREATE INDEX reservations_status_expiry ON reservations (status, expires_at);
CREATE TABLE reservation_lines (
  reservation_id TEXT NOT NULL REFERENCES reservations(id),
  line_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  sku TEXT NOT NULL,
  location TEXT NOT NULL REFERENCES locations(id),
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (reservation_id, line_id, location)
);
CREATE INDEX reservation_lines_stock ON reservation_lines (sku, location);
CREATE TABLE stock_movements (
  id TEXT PRIMARY KEY,
  sku TEXT NOT NULL,
  location TEXT NOT NULL,
  delta_on_hand INTEGER NOT NULL,
  delta_reserved INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('RESERVE', 'COMMIT', 'RELEASE', 'EXPIRE', 'ADJUST')),
  reason TEXT,
  actor TEXT NOT NULL,
  ref TEXT,
  at TEXT NOT NULL
);
CREATE INDEX stock_movements_stock ON stock_movements (sku, location, at);
CREATE INDEX stock_movements_ref ON stock_movements (ref);
CREATE TABLE adjustments (
  id TEXT PRIMARY KEY,
  sku TEXT NOT NULL,
  location TEXT NOT NULL REFERENCES locations(id),
  delta INTEGER NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('STOCKTAKE', 'DAMAGE', 'THEFT', 'RETURN', 'CORRECTION', 'RECEIVED')),
  note TEXT,
  actor TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX adjustments_stock ON adjustments (sku, location, at);
`,
  },
  {
    id: 2,
    name: 'offline sales recorded against store stock',
    sql: `
CREATE TABLE offline_sales (
  id TEXT PRIMARY KEY,
  location TEXT NOT NULL,
  at TEXT NOT NULL
);
`,
  },
  {
    id: 3,
    name: 'stock back on hand after the sale (cancelled orders, returns), once per restock id',
    sql: `
CREATE TABLE restocks (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL
);
`,
  },
  {
    id: 4,
    name: 'locations as data: kind (warehouse, store, kiosk), address, channels',
    sql: `
ALTER TABLE locations ADD COLUMN kind TEXT;
ALTER TABLE locations ADD COLUMN address TEXT;
ALTER TABLE locations ADD COLUMN channels TEXT NOT NULL DEFAULT '[]';
ALTER TABLE locations ADD COLUMN updated_at TEXT;
UPDATE locations SET kind = type;
`,
  },
  {
    id: 5,
    name: 'change events: outbox and webhook deliveries (StockChanged)',
    sql: OUTBOX_TABLES_SQL,
  },
];
