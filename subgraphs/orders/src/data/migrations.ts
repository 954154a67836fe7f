import type { Migration } from '../../../../common/storage/index.ts';

export const migrations: Migration[] = [
  {
    id: 1,
    name: 'orders, idempotency, outbox, saga tasks, quarantine',
    sql: `
CREATE TABLE counters (
  name TEXT PRIMARY KEY,
  value BIGINT NOT NULL
);
INSERT INTO counters (name, value) VALUES ('order_number', 100000);
CREATE TABLE orders (
  id TEXT PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL,
  market TEXT NOT NULL,
  channel TEXT NOT NULL,
  currency_code TEXT NOT NULL,
  cart_id TEXT,
  lines TEXT NOT NULL,
  promotion TEXT NOT NULL,
  subtotal_minor BIGINT NOT NULL,
  discount_minor BIGINT NOT NULL,
  total_minor BIGINT NOT NULL,
  shipping_address TEXT,
  payment_reference TEXT,
  payment_amount_minor BIGINT,
  source TEXT NOT NULL,
  external_id TEXT,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX orders_cart ON orders (cart_id);
CREATE UNIQUE INDEX orders_external ON orders (channel, external_id);
CREATE INDEX orders_created ON orders (created_at);
CREATE TABLE idempotency_keys (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status TEXT NOT NULL,
  order_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  aggregate_id TEXT NOT NULL,
  type TEXT NOT NULL,
  schema_version INTEGER NOT NULL,
  payload TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  published_at TEXT,
  attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX outbox_pending ON outbox (published_at, occurred_at);
CREATE TABLE saga_tasks (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  next_attempt_at TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX saga_tasks_pending ON saga_tasks (status, next_attempt_at);
CREATE TABLE quarantine (
  id TEXT PRIMARY KEY,
  channel TEXT NOT NULL,
  external_id TEXT,
  reason TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL,
  received_at TEXT NOT NULL
);
CREATE UNIQUE INDEX quarantine_external ON quarantine (channel, external_id);
`,
  },
  {
    id: 2,
    name: 'webhook deliveries per (event, subscriber), dead letters',
    sql: `
CREATE TABLE webhook_deliveries (
  id TEXT PRIMARY KEY,
  event_id TEXT NOT NULL,
  subscriber TEXT NOT NULL,
  aggregate_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  failures INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  claimed_until TEXT,
  claim_token TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  delivered_at TEXT,
  dead_at TEXT,
  replayed_at TEXT
);
CREATE UNIQUE INDEX webhook_deliveries_event_subscriber ON webhook_deliveries (event_id, subscriber);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_aggregate ON webhook_deliveries (subscriber, aggregate_id, occurred_at);
CREATE INDEX webhook_deliveries_dead ON webhook_deliveries (status, dead_at, id);
CREATE INDEX idempotency_keys_created ON idempotency_keys (status, created_at);
`,
  },
  {
    id: 3,
    name: 'operator actions on quarantined orders',
    sql: `
CREATE TABLE quarantine_actions (
  id TEXT PRIMARY KEY,
  quarantine_id TEXT NOT NULL REFERENCES quarantine(id),
  action TEXT NOT NULL,
  actor TEXT NOT NULL,
  reason TEXT,
  outcome TEXT,
  at TEXT NOT NULL
);
CREATE INDEX quarantine_actions_q ON quarantine_actions (quarantine_id, at);
`,
  },
  {
    id: 4,
    name: 'retention of delivered webhooks, keyset export of orders, payment reconciliation reports',
    sql: `
CREATE INDEX webhook_deliveries_delivered ON webhook_deliveries (status, delivered_at);
CREATE INDEX orders_created_id ON orders (created_at, id);
CREATE TABLE payment_reconciliations (
  id TEXT PRIMARY KEY,
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  grace_ms BIGINT NOT NULL,
  source TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  summary TEXT NOT NULL
);
CREATE INDEX payment_reconciliations_finished ON payment_reconciliations (finished_at, id);
`,
  },
  {
    id: 5,
    name: 'the verified customer an order belongs to (who may read it)',
    sql: `
ALTER TABLE orders ADD COLUMN customer_id TEXT;
`,
  },
  {
    id: 6,
    name: 'after the sale: line states, after-sales actions with who and why, refunds through the payment provider',
    sql: `
CREATE TABLE order_line_states (
  order_id TEXT NOT NULL,
  line_id TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  fulfilled INTEGER NOT NULL DEFAULT 0,
  returned INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (order_id, line_id)
);
CREATE TABLE after_sales_actions (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  actor TEXT NOT NULL,
  channel TEXT NOT NULL,
  reason TEXT,
  details TEXT NOT NULL,
  amount_minor BIGINT NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX after_sales_actions_key ON after_sales_actions (order_id, idempotency_key);
CREATE INDEX after_sales_actions_order ON after_sales_actions (order_id, created_at);
CREATE INDEX after_sales_actions_created ON after_sales_actions (created_at, id);
CREATE TABLE refunds (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL,
  action_id TEXT NOT NULL,
  amount_minor BIGINT NOT NULL,
  currency_code TEXT NOT NULL,
  payment_reference TEXT,
  status TEXT NOT NULL,
  provider TEXT,
  provider_reference TEXT,
  provider_key TEXT NOT NULL,
  tries INTEGER NOT NULL DEFAULT 0,
  failure TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX refunds_order ON refunds (order_id, created_at);
CREATE INDEX refunds_reference ON refunds (payment_reference);
`,
  },
  {
    id: 40,
    name: 'shipping and tax an order was charged',
    sql: `
ALTER TABLE orders ADD COLUMN shipping_minor INTEGER;
ALTER TABLE orders ADD COLUMN tax_minor INTEGER;
ALTER TABLE orders ADD COLUMN tax_included INTEGER;
ALTER TABLE orders ADD COLUMN charges TEXT;
`,
  },
];
