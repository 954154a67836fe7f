import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, downloadCoupons, gql } from '../api';
import { ConsoleCampaignsDocument, ConsoleCouponBatchDocument, ConsoleGenerateCouponCodesDocument, ConsoleRecentBatchesDocument, type ConsoleBatchFieldsFragment } from '../generated/graphql';
import { instant } from '../format';
import { ErrorBanner, UserErrorList } from './ErrorBanner';
import { Field, type FieldError } from './Field';

const POLL_MS = 500;
const FINISHED = ['COMPLETED', 'FAILED'];

/**
 * Coupon batches: generate codes for a campaign (the API answers at once; the codes are made in the
 * background, so the batch is polled for its progress) and download a batch's codes with their state.
 */
export function CouponScreen({ campaignId }: { campaignId: string | null }) {
  const [campaigns, setCampaigns] = useState<{ id: string; name: string; market: string }[]>([]);
  const [campaign, setCampaign] = useState(campaignId ?? '');
  const [count, setCount] = useState('100');
  const [pattern, setPattern] = useState('');
  const [batches, setBatches] = useState<ConsoleBatchFieldsFragment[]>([]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [downloaded, setDownloaded] = useState<string | null>(null);
  const mounted = useRef(true);

  const refresh = useCallback(async (id: string) => {
    const { couponBatch } = await gql(ConsoleCouponBatchDocument, { id });
    if (couponBatch && mounted.current) setBatches((bs) => [couponBatch, ...bs.filter((b) => b.id !== id)].sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
    return couponBatch;
  }, []);

  /** polls a batch until it is finished: the progress bar follows `generated` of `count` */
  const follow = useCallback(async (id: string) => {
    for (;;) {
      const b = await refresh(id);
      if (!b || FINISHED.includes(b.status) || !mounted.current) return;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }, [refresh]);

  useEffect(() => {
    mounted.current = true;
    gql(ConsoleCampaignsDocument, { first: 100, orderBy: { field: 'UPDATED', direction: 'DESC' } })
      .then((d) => {
        setCampaigns(d.campaigns.edges.map((e) => e.node));
        setCampaign((c) => c || d.campaigns.edges[0]?.node.id || '');
      })
      .catch((e: ApiError) => setFailure(e));
    gql(ConsoleRecentBatchesDocument, { first: 20 })
      .then((d) => Promise.all([...new Set(d.auditTrail.events.map((e) => e.entityId))].map((id) => refresh(id))))
      .catch((e: ApiError) => setFailure(e));
    return () => {
      mounted.current = false;
    };
  }, [refresh]);

  const generate = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    setErrors([]);
    try {
      const res = await gql(ConsoleGenerateCouponCodesDocument, { campaignId: campaign, count: Number(count), pattern: pattern.trim() || null });
      setErrors(res.generateCouponCodes.userErrors);
      const batch = res.generateCouponCodes.batch;
      if (batch) {
        setBatches((bs) => [batch, ...bs.filter((b) => b.id !== batch.id)]);
        void follow(batch.id).catch((err: ApiError) => setFailure(err));
      }
    } catch (err) {
      setFailure(err as ApiError);
    }
  };

  const download = async (id: string, format: 'csv' | 'ndjson') => {
    setFailure(null);
    try {
      setDownloaded(`Downloaded ${await downloadCoupons(id, format)}`);
    } catch (err) {
      setFailure(err as ApiError);
    }
  };

  const at = (field: string) => errors.filter((e) => e.field === field);
  const name = (id: string) => campaigns.find((c) => c.id === id)?.name ?? id;
  return (
    <section aria-labelledby="coupons-title">
      <h1 id="coupons-title">Coupon codes</h1>
      {failure && <ErrorBanner error={failure} />}
      <UserErrorList errors={errors.filter((e) => !['campaignId', 'count', 'pattern'].includes(e.field ?? ''))} />
      <form className="card editor" onSubmit={generate} aria-label="Generate coupon codes">
        <Field id="g-campaign" label="Campaign" errors={at('campaignId')}>
          {(p) => <select {...p} value={campaign} onChange={(e) => setCampaign(e.target.value)}>{campaigns.map((c) => <option key={c.id} value={c.id}>{c.name} ({c.market})</option>)}</select>}
        </Field>
        <Field id="g-count" label="Number of codes" errors={at('count')}>{(p) => <input {...p} type="number" min={1} value={count} onChange={(e) => setCount(e.target.value)} />}</Field>
        <Field id="g-pattern" label="Pattern" hint="# digit, A letter, X letter or digit; e.g. BF-XXXX-XXXX" errors={at('pattern')}>{(p) => <input {...p} value={pattern} onChange={(e) => setPattern(e.target.value)} />}</Field>
        <div className="actions"><button type="submit" disabled={!campaign}>Generate codes</button></div>
      </form>
      {downloaded && <p className="notice" role="status">{downloaded}</p>}
      <table aria-label="Coupon batches">
        <thead><tr><th scope="col">Batch</th><th scope="col">Campaign</th><th scope="col">Created</th><th scope="col">Progress</th><th scope="col">Status</th><th scope="col">Download</th></tr></thead>
        <tbody>
          {batches.map((b) => (
            <tr key={b.id}>
              <td><code>{b.id}</code></td>
              <td>{name(b.campaignId)}</td>
              <td>{instant(b.createdAt)}</td>
              <td>
                <progress value={b.generated} max={b.count} aria-label={`Batch ${b.id} progress`} /> {b.generated} / {b.count}
              </td>
              <td>{b.status}{b.error ? `: ${b.error}` : ''}</td>
              <td className="buttons">
                <button type="button" onClick={() => void download(b.id, 'csv')} aria-label={`Download batch ${b.id} as CSV`}>CSV</button>
                <button type="button" onClick={() => void download(b.id, 'ndjson')} aria-label={`Download batch ${b.id} as NDJSON`}>NDJSON</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
