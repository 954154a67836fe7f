import { OUTBOX_TABLES_SQL } from '../../../../common/events/outbox.ts';
import { AUDIT_TABLE_SQL } from '../../../../common/audit/repository.ts';
import type { Migration } from '../../../../common/storage/index.ts';

export const migrations: Migration[] = [
  {
    id: 1,
    name: 'products, markets, prices',
    sql: `
CREATE TABLE markets (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  currency_code TEXT NOT NULL
);
CREATE TABLE products (
  sku TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT,
  attributes TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE prices (
  sku TEXT NOT NULL REFERENCES products(sku),
  market TEXT NOT NULL REFERENCES markets(code),
  amount_minor BIGINT NOT NULL,
  valid_from TEXT NOT NULL,
  PRIMARY KEY (sku, market, valid_from)
);
CREATE INDEX prices_market ON prices (market, sku);
`,
  },
  {
    id: 2,
    name: 'price validity windows: a scheduled price may end (valid_until); the price before it applies again',
    sql: `
ALTER TABLE prices ADD COLUMN valid_until TEXT;
CREATE INDEX prices_market_from ON prices (market, valid_from);
CREATE INDEX prices_market_until ON prices (market, valid_until);
`,
  },
  {
    id: 3,
    name: 'markets as data: tax flag, default locale, channels; change counters',
    sql: `
ALTER TABLE markets ADD COLUMN prices_include_tax INTEGER NOT NULL DEFAULT 0;
ALTER TABLE markets ADD COLUMN default_locale TEXT NOT NULL DEFAULT 'en';
ALTER TABLE markets ADD COLUMN channels TEXT NOT NULL DEFAULT '[]';
ALTER TABLE markets ADD COLUMN updated_at TEXT;
CREATE TABLE change_counters (
  name TEXT PRIMARY KEY,
  value BIGINT NOT NULL
);
INSERT INTO change_counters (name, value) VALUES ('markets', 1);
UPDATE markets SET channels = '["web","pos","kiosk","in-game"]';
`,
  },
  {
    id: 4,
    name: 'products with variants: families (titles per locale, brand, category, attributes, images), options per variant, a category tree',
    sql: `
CREATE TABLE categories (
  code TEXT PRIMARY KEY,
  parent TEXT REFERENCES categories(code),
  name TEXT NOT NULL,
  path TEXT NOT NULL,
  updated_at TEXT
);
CREATE INDEX categories_parent ON categories (parent);
CREATE INDEX categories_path ON categories (path);
CREATE TABLE product_families (
  id TEXT PRIMARY KEY,
  titles TEXT NOT NULL,
  descriptions TEXT NOT NULL DEFAULT '{}',
  brand TEXT,
  category TEXT REFERENCES categories(code),
  attributes TEXT NOT NULL DEFAULT '[]',
  images TEXT NOT NULL DEFAULT '[]',
  updated_at TEXT
);
CREATE INDEX product_families_category ON product_families (category);
ALTER TABLE products ADD COLUMN family_id TEXT REFERENCES product_families(id);
ALTER TABLE products ADD COLUMN options TEXT NOT NULL DEFAULT '[]';
CREATE INDEX products_family ON products (family_id);
`,
  },
  {
    id: 5,
    name: 'change events: outbox and webhook deliveries (ProductChanged, PriceChanged)',
    sql: OUTBOX_TABLES_SQL,
  },
  {
    id: 20,
    name: 'audit trail of the catalog: who set a price or ran a price import, when, before and after',
    sql: AUDIT_TABLE_SQL,
  },
  {
    id: 180,
    name: 'search projection: change counters (search data, variant texts) and the log of SKUs each write touched, for the in-memory search projection',
    sql: `
CREATE TABLE search_changes (
  version BIGINT PRIMARY KEY,
  skus TEXT NOT NULL
);
INSERT INTO change_counters (name, value) VALUES ('search', 0);
INSERT INTO change_counters (name, value) VALUES ('search-text', 0);
`,
  },
];
