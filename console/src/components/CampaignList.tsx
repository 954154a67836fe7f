import { useCallback, useEffect, useState } from 'react';
import { ApiError, gql } from '../api';
import { ConsoleCampaignsDocument, type ConsoleCampaignFieldsFragment } from '../generated/graphql';
import { instant } from '../format';
import { href } from '../route';
import { CampaignFilters, type Search } from './CampaignFilters';
import { ErrorBanner } from './ErrorBanner';

const PAGE = 25;

/** Campaigns of the key's markets: search, filters, sort, pages. */
export function CampaignList() {
  const [search, setSearch] = useState<Search>({ filter: {}, orderBy: null });
  const [rows, setRows] = useState<ConsoleCampaignFieldsFragment[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async (s: Search, after: string | null) => {
    setLoading(true);
    setError(null);
    try {
      const data = await gql(ConsoleCampaignsDocument, { filter: s.filter, orderBy: s.orderBy, first: PAGE, after });
      const page = data.campaigns;
      setRows((r) => (after ? [...r, ...page.edges.map((e) => e.node)] : page.edges.map((e) => e.node)));
      setTotal(page.totalCount);
      setNext(page.pageInfo.hasNextPage ? page.pageInfo.endCursor ?? null : null);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(search, null);
  }, [search, load]);

  return (
    <section aria-labelledby="campaigns-title">
      <div className="title-row">
        <h1 id="campaigns-title">Campaigns</h1>
        <a className="button" href={href('/campaigns/new')}>New campaign</a>
      </div>
      <CampaignFilters onSearch={setSearch} />
      {error && <ErrorBanner error={error} />}
      <p aria-live="polite" className="count">{loading ? 'Loading…' : total === null ? '' : `${total} campaign${total === 1 ? '' : 's'}`}</p>
      <table aria-label="Campaigns">
        <thead>
          <tr><th scope="col">Name</th><th scope="col">Market</th><th scope="col">Status</th><th scope="col">Effect</th><th scope="col">Start</th><th scope="col">End</th><th scope="col">Last change</th><th scope="col">Redemptions</th><th scope="col"><span className="sr-only">Actions</span></th></tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.id}>
              <td><a href={href(`/campaigns/${encodeURIComponent(c.id)}`)}>{c.name}</a></td>
              <td>{c.market}</td>
              <td><span className={`status status-${c.status.toLowerCase()}`}>{c.status}</span></td>
              <td>{c.effect.type}</td>
              <td>{instant(c.validFrom)}</td>
              <td>{instant(c.validUntil)}</td>
              <td>{instant(c.updatedAt)}</td>
              <td className="num">{c.redemptions}</td>
              <td><a href={href('/audit', { type: 'CAMPAIGN', id: c.id })} aria-label={`Audit trail of ${c.name}`}>Audit</a></td>
            </tr>
          ))}
        </tbody>
      </table>
      {next && <button type="button" onClick={() => void load(search, next)} disabled={loading}>Load more</button>}
    </section>
  );
}
