import { useState, type FormEvent } from 'react';
import { useAccess } from '../access';
import { ApiError, gql } from '../api';
import { ConsolePreviewCartDocument, ConsolePreviewDiffDocument, type ConsolePreviewCartMutation, type ConsolePreviewDiffQuery } from '../generated/graphql';
import { instant, isoFromLocal, localFromIso, money, words } from '../format';
import { ErrorBanner, UserErrorList } from './ErrorBanner';
import { Field, MarketOptions, type FieldError } from './Field';

type PreviewCart = NonNullable<ConsolePreviewCartMutation['createCart']['cart']>;

/** "SKU-1001 x2" per line (or "SKU-1001 2", or just the SKU for one). */
export function parseLines(text: string): { sku: string; quantity: number }[] {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
    const [sku, qty] = l.split(/\s*[x×\s]\s*/i);
    return { sku, quantity: qty ? Number(qty) : 1 };
  });
}

/**
 * A market at a future instant: what changes until then (previewDiff, marketing scope), and a cart as
 * it would be priced then (a preview cart, x-preview-at: keys with the preview scope).
 */
export function PreviewScreen() {
  const access = useAccess();
  const [market, setMarket] = useState(access.markets[0]?.code ?? '');
  const [at, setAt] = useState(() => localFromIso(new Date(Date.now() + 3_600_000).toISOString()));
  const [lines, setLines] = useState('SKU-1001 x1');
  const [codes, setCodes] = useState('');
  const [cart, setCart] = useState<PreviewCart | null>(null);
  const [diff, setDiff] = useState<ConsolePreviewDiffQuery['previewDiff'] | null>(null);
  const [userErrors, setUserErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const canPreviewCarts = access.scopes.includes('preview');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const instantIso = isoFromLocal(at);
    setFailure(null);
    setUserErrors([]);
    setCart(null);
    setDiff(null);
    if (!instantIso) return setUserErrors([{ code: 'INVALID_INSTANT', field: 'at', message: 'Give an instant.' }]);
    setBusy(true);
    try {
      const d = await gql(ConsolePreviewDiffDocument, { market, at: instantIso });
      setDiff(d.previewDiff);
      if (canPreviewCarts) {
        const res = await gql(ConsolePreviewCartDocument, { input: { market, lines: parseLines(lines), discountCodes: words(codes) } }, { previewAt: instantIso });
        setUserErrors(res.createCart.userErrors);
        setCart(res.createCart.cart ?? null);
      }
    } catch (err) {
      setFailure(err as ApiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="preview-title">
      <h1 id="preview-title">Preview</h1>
      {!canPreviewCarts && <p className="notice">This key has no preview scope: it sees what changes in a market, but cannot price a cart at a future instant (an operations key can).</p>}
      <form className="card editor" onSubmit={submit} aria-label="Preview a cart">
        <Field id="p-market" label="Market">{(p) => <select {...p} value={market} onChange={(e) => setMarket(e.target.value)}><MarketOptions markets={access.markets} /></select>}</Field>
        <Field id="p-at" label="Instant (UTC)" errors={userErrors.filter((u) => u.field === 'at')}>{(p) => <input {...p} type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />}</Field>
        <Field id="p-lines" label="Cart lines" hint="One per line: SKU x quantity">{(p) => <textarea {...p} rows={3} value={lines} onChange={(e) => setLines(e.target.value)} />}</Field>
        <Field id="p-codes" label="Discount codes" hint="Comma-separated">{(p) => <input {...p} value={codes} onChange={(e) => setCodes(e.target.value)} />}</Field>
        <div className="actions"><button type="submit" disabled={busy}>{busy ? 'Previewing…' : 'Preview'}</button></div>
      </form>
      {failure && <ErrorBanner error={failure} />}
      <UserErrorList errors={userErrors.filter((u) => u.field !== 'at')} />
      {cart && <CartResult cart={cart} />}
      {diff && <DiffResult diff={diff} />}
    </section>
  );
}

function CartResult({ cart }: { cart: PreviewCart }) {
  const p = cart.promotion;
  return (
    <div className="card" aria-label="Preview cart" role="region">
      <h2>Cart at that instant ({cart.market})</h2>
      <table aria-label="Cart lines">
        <thead><tr><th scope="col">SKU</th><th scope="col">Quantity</th><th scope="col">Unit price</th></tr></thead>
        <tbody>{cart.lines.map((l) => <tr key={l.id}><td>{l.sku}</td><td className="num">{l.quantity}</td><td className="num">{money(l.unitPrice)}</td></tr>)}</tbody>
      </table>
      <h3>Promotions {p ? `(${p.provider}, ${p.status})` : '(promotions unavailable)'}</h3>
      <ul aria-label="Applied promotions">
        {p?.discounts.map((d) => <li key={`d-${d.id}`}>{d.name}: −{money(d.amount)}</li>)}
        {p?.discountCodes.map((d) => <li key={`c-${d.code}`}>{d.code} ({d.name}): −{money(d.amount)}</li>)}
        {p?.lineItemPromotions.flatMap((l) => l.discounts.map((d) => <li key={`l-${l.lineId}-${d.id}`}>{d.name} on a line: −{money(d.amount)}</li>))}
        {p?.nonApplicableDiscountCodes.map((n) => <li key={`n-${n.code}`}>{n.code}: not applicable ({n.reason}) {n.message}</li>)}
      </ul>
      {cart.totals && (
        <dl className="totals">
          <dt>Subtotal</dt><dd>{money(cart.totals.subtotal)}</dd>
          <dt>Discount</dt><dd>{money(cart.totals.discount)}</dd>
          <dt>Total</dt><dd>{money(cart.totals.total)}</dd>
        </dl>
      )}
    </div>
  );
}

function DiffResult({ diff }: { diff: NonNullable<ConsolePreviewDiffQuery['previewDiff']> }) {
  return (
    <div className="card" role="region" aria-label="What changes">
      <h2>What changes from {instant(diff.from)} to {instant(diff.at)}</h2>
      <ul>
        {diff.campaignsStarting.map((c) => <li key={`s-${c.id}`}>Starts {instant(c.validFrom)}: {c.name}</li>)}
        {diff.campaignsEnding.map((c) => <li key={`e-${c.id}`}>Ends {instant(c.validUntil)}: {c.name}</li>)}
        {diff.priceChanges.map((c) => <li key={`p-${c.sku}-${c.at}`}>{c.sku} from {instant(c.at)}: {money(c.before)} → {money(c.after)}</li>)}
        {!diff.campaignsStarting.length && !diff.campaignsEnding.length && !diff.priceChanges.length && <li>Nothing changes.</li>}
      </ul>
    </div>
  );
}
