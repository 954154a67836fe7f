/**
 * The storefront mix of bench:commerce, one shopper per connection: 70% cart reads (lines with
 * availability, promotion, totals), 20% line additions (half of them the cart's creation with its
 * first line, right after the previous cart was ordered), 10% orders (paying the cart's total).
 * Runs inside the load generator (autocannon's setupRequest / onResponse, state in the context).
 *
 * Every answer is checked for its kind: an answer with `errors`, a payload without its cart or
 * order, or any userError is a failure of that kind (`stats()`), never a success. A shopper whose
 * cart could not be created or changed starts a new cart; an order, placed or not, ends the cart.
 */
import { readFileSync } from 'node:fs';

const source = readFileSync('clients/storefront.graphql', 'utf8');
const SKUS = Array.from({ length: 50 }, (_, i) => `SKU-${1001 + i}`);
const sku = () => SKUS[Math.floor(Math.random() * SKUS.length)];

interface Cart { id: string; version: number; total: { amount: string; currencyCode: string } }
type Kind = 'create' | 'read' | 'add' | 'order';
interface Context { cart?: Cart; op?: Kind; n?: number }

export interface KindStats { ok: number; failed: number; reasons: Record<string, number> }
let counts: Record<Kind, KindStats> = fresh();
function fresh(): Record<Kind, KindStats> {
  const k = (): KindStats => ({ ok: 0, failed: 0, reasons: {} });
  return { create: k(), read: k(), add: k(), order: k() };
}
/** What each kind of request did since the last reset (every request the load generator counted). */
export function stats(): Record<string, KindStats> {
  const out = counts;
  counts = fresh();
  return out;
}

const body = (operationName: string, variables: Record<string, unknown>) => JSON.stringify({ query: source, operationName, variables });

export function setupRequest(req: Record<string, unknown>, ctx: Context) {
  const cart = ctx.cart;
  let text: string;
  if (!cart) {
    ctx.op = 'create';
    text = body('CreateCart', { input: { market: 'DE', lines: [{ sku: sku(), quantity: 1 }] } });
  } else {
    const r = Math.random() * 0.9;
    if (r < 0.7) {
      ctx.op = 'read';
      text = body('Cart', { id: cart.id });
    } else if (r < 0.8) {
      ctx.op = 'add';
      text = body('AddCartLines', { cartId: cart.id, expectedVersion: cart.version, lines: [{ sku: sku(), quantity: 1 }] });
    } else {
      ctx.op = 'order';
      ctx.n = (ctx.n ?? 0) + 1;
      text = body('PlaceOrder', { cartId: cart.id, idempotencyKey: `bench-${cart.id}`, payment: { reference: 'bench', amount: cart.total } });
    }
  }
  return { ...req, method: 'POST', body: text };
}

type CartOut = Cart & { totals?: { total: Cart['total'] } };
interface Answer {
  errors?: { extensions?: { code?: string } }[];
  data?: {
    cart?: CartOut | null;
    createCart?: { cart?: CartOut | null; userErrors?: { code?: string }[] };
    addCartLines?: { cart?: CartOut | null; userErrors?: { code?: string }[] };
    placeOrder?: { order?: { id: string } | null; userErrors?: { code?: string }[] };
  } | null;
}

/** Why an answer failed, or undefined when it is what the kind is meant to give. */
function failure(kind: Kind, status: number, answer: Answer | undefined): string | undefined {
  if (status !== 200) return `http_${status}`;
  if (!answer) return 'invalid_json';
  if (answer.errors?.length) return `error_${answer.errors[0].extensions?.code ?? 'UNKNOWN'}`;
  const d = answer.data;
  const payload = kind === 'create' ? d?.createCart : kind === 'add' ? d?.addCartLines : kind === 'order' ? d?.placeOrder : undefined;
  if (payload?.userErrors?.length) return `userError_${payload.userErrors[0].code ?? 'UNKNOWN'}`;
  if (kind === 'read' ? !d?.cart : kind === 'order' ? !d?.placeOrder?.order : !(payload as { cart?: unknown } | undefined)?.cart) return 'no_payload';
  return undefined;
}

export function onResponse(status: number, text: string, ctx: Context) {
  const kind = ctx.op ?? 'read';
  let answer: Answer | undefined;
  try {
    answer = JSON.parse(text) as Answer;
  } catch {
    answer = undefined;
  }
  const why = failure(kind, status, answer);
  const s = counts[kind];
  if (why) {
    s.failed++;
    s.reasons[why] = (s.reasons[why] ?? 0) + 1;
  } else s.ok++;
  if (kind === 'order' || why) {
    ctx.cart = undefined;
    return;
  }
  const d = answer!.data!;
  const cart = (d.cart ?? d.createCart?.cart ?? d.addCartLines?.cart)!;
  ctx.cart = { id: cart.id, version: cart.version, total: cart.totals?.total ?? ctx.cart!.total };
}
