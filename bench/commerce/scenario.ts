/**
 * The storefront mix of bench:commerce, one shopper per connection: 70% cart reads (lines with
 * availability, promotion, totals), 20% line additions (half of them the cart's creation with its
 * first line, right after the previous cart was ordered), 10% orders (paying the cart's total).
 * Runs inside the load generator (autocannon's setupRequest / onResponse, state in the context).
 */
import { readFileSync } from 'node:fs';

const source = readFileSync('clients/storefront.graphql', 'utf8');
const SKUS = Array.from({ length: 50 }, (_, i) => `SKU-${1001 + i}`);
const sku = () => SKUS[Math.floor(Math.random() * SKUS.length)];

interface Cart { id: string; version: number; total: { amount: string; currencyCode: string } }
interface Context { cart?: Cart; op?: string; n?: number }

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

export function onResponse(_status: number, text: string, ctx: Context) {
  if (ctx.op === 'order') {
    ctx.cart = undefined;
    return;
  }
  try {
    const data = (JSON.parse(text) as { data?: Record<string, { cart?: Cart } & Partial<Cart>> }).data;
    const payload = data?.cart ?? data?.createCart?.cart ?? data?.addCartLines?.cart;
    const cart = (payload && 'id' in payload ? payload : undefined) as (Cart & { totals?: { total: Cart['total'] } }) | undefined;
    if (cart) ctx.cart = { id: cart.id, version: cart.version, total: cart.totals?.total ?? ctx.cart!.total };
  } catch {
    ctx.cart = undefined;
  }
}
