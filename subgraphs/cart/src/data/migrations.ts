import type { Migration } from '../../../../common/storage/index.ts';

export const migrations: Migration[] = [
  {
    id: 1,
    name: 'carts, lines, warnings',
    sql: `
CREATE TABLE carts (
  id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  market TEXT NOT NULL,
  channel TEXT NOT NULL,
  currency_code TEXT NOT NULL,
  location TEXT,
  status TEXT NOT NULL,
  discount_codes TEXT NOT NULL DEFAULT '[]',
  shipping_address TEXT,
  promotion_snapshot TEXT,
  order_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE cart_lines (
  id TEXT PRIMARY KEY,
  cart_id TEXT NOT NULL REFERENCES carts(id),
  position INTEGER NOT NULL,
  sku TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  unit_price_minor BIGINT NOT NULL,
  attributes TEXT NOT NULL DEFAULT '[]',
  stock_state TEXT NOT NULL DEFAULT 'OK'
);
CREATE INDEX cart_lines_cart ON cart_lines (cart_id, position);
CREATE TABLE cart_warnings (
  id TEXT PRIMARY KEY,
  cart_id TEXT NOT NULL REFERENCES carts(id),
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  line_id TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX cart_warnings_cart ON cart_warnings (cart_id, created_at);
`,
  },
  {
    id: 2,
    name: 'failed discount code attempts (rate limiting)',
    sql: `
CREATE TABLE code_failures (
  id TEXT PRIMARY KEY,
  cart_id TEXT NOT NULL,
  key_id TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX code_failures_cart ON code_failures (cart_id, at);
CREATE INDEX code_failures_key ON code_failures (key_id, at);
`,
  },
  {
    id: 3,
    name: "the customer's opaque id on a cart",
    sql: `
ALTER TABLE carts ADD COLUMN customer_id TEXT;
`,
  },
  {
    id: 4,
    name: 'carts created per key and per client (rate limiting)',
    sql: `
CREATE TABLE cart_creations (
  id TEXT PRIMARY KEY,
  key_id TEXT NOT NULL,
  client TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX cart_creations_key ON cart_creations (key_id, at);
CREATE INDEX cart_creations_client ON cart_creations (client, at);
`,
  },
  {
    id: 5,
    name: 'failed discount code attempts per client (rate limiting per client, not per key)',
    sql: `
ALTER TABLE code_failures ADD COLUMN client TEXT;
CREATE INDEX code_failures_client ON code_failures (client, at);
`,
  },
  {
    id: 40,
    name: 'the selected shipping method of a cart',
    sql: `
ALTER TABLE carts ADD COLUMN shipping_method TEXT;
`,
  },
];
