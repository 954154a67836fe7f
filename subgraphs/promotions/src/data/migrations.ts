import type { Migration } from '../../../../common/storage/index.ts';

/**
 * Booleans are INTEGER 0/1 and instants ISO-8601 text (comparable as strings), so the SQL is the
 * same for SQLite and PostgreSQL.
 */
export const migrations: Migration[] = [
  {
    id: 1,
    name: 'campaigns, codes, batches, routing, shadow reports, redemptions, compliance policies',
    sql: `
CREATE TABLE campaigns (
  id TEXT PRIMARY KEY,
  market TEXT NOT NULL,
  name TEXT NOT NULL,
  channels TEXT NOT NULL DEFAULT '[]',
  priority INTEGER NOT NULL DEFAULT 0,
  stacking TEXT NOT NULL,
  valid_from TEXT,
  valid_until TEXT,
  coupon_required INTEGER NOT NULL DEFAULT 0,
  paused INTEGER NOT NULL DEFAULT 0,
  conditions TEXT NOT NULL DEFAULT '[]',
  effect TEXT NOT NULL,
  max_redemptions INTEGER,
  max_redemptions_per_customer INTEGER,
  redemptions INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX campaigns_automatic ON campaigns (market, coupon_required, paused, valid_from);
CREATE TABLE discount_codes (
  market TEXT NOT NULL,
  code TEXT NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  batch_id TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (market, code)
);
CREATE INDEX discount_codes_campaign ON discount_codes (campaign_id, batch_id);
CREATE TABLE coupon_batches (
  id TEXT PRIMARY KEY,
  campaign_id TEXT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  market TEXT NOT NULL,
  pattern TEXT NOT NULL,
  count INTEGER NOT NULL,
  generated INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL,
  error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX coupon_batches_status ON coupon_batches (status);
CREATE TABLE promotion_routing (
  market TEXT PRIMARY KEY,
  provider TEXT NOT NULL,
  shadow_provider TEXT,
  rollout_provider TEXT,
  rollout_percent INTEGER,
  updated_at TEXT NOT NULL
);
CREATE TABLE shadow_stats (
  market TEXT PRIMARY KEY,
  evaluations INTEGER NOT NULL DEFAULT 0,
  mismatches INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE shadow_samples (
  market TEXT NOT NULL,
  seq BIGINT NOT NULL,
  cart_id TEXT NOT NULL,
  currency_code TEXT NOT NULL,
  primary_total_minor BIGINT NOT NULL,
  shadow_total_minor BIGINT NOT NULL,
  differences TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (market, seq)
);
CREATE TABLE redemption_orders (
  order_id TEXT PRIMARY KEY,
  provider TEXT NOT NULL,
  market TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE native_orders (
  order_id TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE redemptions (
  order_id TEXT NOT NULL,
  campaign_id TEXT NOT NULL REFERENCES campaigns(id),
  code TEXT,
  customer_id TEXT,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  released_at TEXT,
  PRIMARY KEY (order_id, campaign_id)
);
CREATE INDEX redemptions_customer ON redemptions (campaign_id, customer_id, status);
CREATE TABLE compliance_policies (
  market TEXT PRIMARY KEY,
  max_percent INTEGER,
  require_end_date INTEGER NOT NULL DEFAULT 0
);
`,
  },
  {
    id: 2,
    name: 'legacy engine: cart discounts, discount codes, redemptions (independent of native campaigns)',
    sql: `
CREATE TABLE legacy_cart_discounts (
  id TEXT PRIMARY KEY,
  market TEXT NOT NULL,
  name TEXT NOT NULL,
  sort_order TEXT NOT NULL,
  stacking_mode TEXT NOT NULL,
  predicate TEXT NOT NULL,
  value TEXT NOT NULL,
  target TEXT NOT NULL,
  requires_discount_code INTEGER NOT NULL DEFAULT 0,
  is_active INTEGER NOT NULL DEFAULT 1,
  valid_from TEXT,
  valid_until TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (market, sort_order)
);
CREATE INDEX legacy_cart_discounts_automatic ON legacy_cart_discounts (market, requires_discount_code, is_active);
CREATE TABLE legacy_discount_codes (
  market TEXT NOT NULL,
  code TEXT NOT NULL,
  cart_discount_ids TEXT NOT NULL,
  is_active INTEGER NOT NULL DEFAULT 1,
  valid_from TEXT,
  valid_until TEXT,
  max_applications INTEGER,
  applications INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  PRIMARY KEY (market, code)
);
CREATE TABLE legacy_market_locks (
  market TEXT PRIMARY KEY,
  changes BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE legacy_orders (
  order_id TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE legacy_redemptions (
  order_id TEXT NOT NULL,
  market TEXT NOT NULL,
  code TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  released_at TEXT,
  PRIMARY KEY (order_id, code)
);
`,
  },
  {
    id: 3,
    name: 'campaign versions per market (cache revalidation), customers\' orders (firstOrder), compliance: maximum duration, no amount off above the price',
    sql: `
CREATE TABLE campaign_versions (
  market TEXT PRIMARY KEY,
  version BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE customer_orders (
  order_id TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL,
  market TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  released_at TEXT
);
CREATE INDEX customer_orders_customer ON customer_orders (customer_id, status);
ALTER TABLE compliance_policies ADD COLUMN max_duration_days INTEGER;
ALTER TABLE compliance_policies ADD COLUMN no_amount_above_price INTEGER NOT NULL DEFAULT 0;
ALTER TABLE compliance_policies ADD COLUMN updated_at TEXT;
`,
  },
  {
    id: 4,
    name: "one row per customer, locked by a redemption so that two first orders of one customer do not race",
    sql: `
CREATE TABLE customer_locks (
  customer_id TEXT PRIMARY KEY,
  redemptions BIGINT NOT NULL DEFAULT 0
);
`,
  },
  {
    id: 5,
    name: 'shadow report: since when it counts (reset, or change of the compared providers)',
    sql: `
ALTER TABLE shadow_stats ADD COLUMN since TEXT;
`,
  },
  {
    id: 6,
    name: 'coupon export: a batch\'s codes in code order, and the redemptions of a campaign\'s codes',
    sql: `
CREATE INDEX discount_codes_batch ON discount_codes (batch_id, code);
CREATE INDEX redemptions_code ON redemptions (campaign_id, code);
`,
  },
  {
    id: 7,
    name: 'audit trail: who changed a campaign, a coupon batch, a routing or a compliance policy, when, before and after',
    sql: `
CREATE TABLE audit_events (
  id TEXT PRIMARY KEY,
  entity_type TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  market TEXT,
  action TEXT NOT NULL,
  key_id TEXT NOT NULL,
  at TEXT NOT NULL,
  before_state TEXT,
  after_state TEXT,
  changes TEXT NOT NULL
);
CREATE INDEX audit_events_entity ON audit_events (entity_type, entity_id, at, id);
CREATE INDEX audit_events_key ON audit_events (key_id, at, id);
CREATE INDEX audit_events_at ON audit_events (at, id);
`,
  },
  {
    id: 8,
    name: 'compliance: the percent cap may also bound the combinable campaigns active together (stacking)',
    sql: `
ALTER TABLE compliance_policies ADD COLUMN cap_stacking INTEGER NOT NULL DEFAULT 0;
`,
  },
];
