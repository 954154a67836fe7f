import { useEffect, useState } from 'react';
import { useAccess } from '../access';
import { ApiError, gql } from '../api';
import { ConsoleShadowReportDocument, type ConsoleShadowReportQuery } from '../generated/graphql';
import { instant, money } from '../format';
import { BarChart } from './BarChart';
import { ErrorBanner } from './ErrorBanner';

type Report = NonNullable<ConsoleShadowReportQuery['promotionShadowReport']>;

/** The shadow reports of the key's markets: evaluations that matched and that differed, per market, and the latest differences. */
export function ShadowReport() {
  const access = useAccess();
  const [reports, setReports] = useState<Report[] | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);

  useEffect(() => {
    Promise.all(access.markets.map((m) => gql(ConsoleShadowReportDocument, { market: m.code }).then((d) => d.promotionShadowReport)))
      .then((rs) => setReports(rs.filter((r): r is Report => !!r)))
      .catch((e: ApiError) => setFailure(e));
  }, [access.markets]);

  return (
    <section aria-labelledby="shadow-title">
      <h1 id="shadow-title">Shadow report</h1>
      {failure && <ErrorBanner error={failure} />}
      {!reports && !failure && <p aria-live="polite">Loading…</p>}
      {reports && (
        <>
          <BarChart
            title="Shadow evaluations per market: matching (green) and differing (red)"
            bars={reports.map((r) => ({
              label: r.market,
              parts: [
                { name: 'matching', value: r.evaluations - r.mismatches, className: 'bar-ok' },
                { name: 'differing', value: r.mismatches, className: 'bar-bad' },
              ],
            }))}
          />
          <table aria-label="Shadow reports">
            <thead><tr><th scope="col">Market</th><th scope="col">Primary</th><th scope="col">Shadow</th><th scope="col">Evaluations</th><th scope="col">Differing</th><th scope="col">Match rate</th><th scope="col">Since</th></tr></thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.market}>
                  <td>{r.market}</td><td>{r.primaryProvider}</td><td>{r.shadowProvider ?? '—'}</td>
                  <td className="num">{r.evaluations}</td><td className="num">{r.mismatches}</td>
                  <td className="num">{r.evaluations ? `${(((r.evaluations - r.mismatches) / r.evaluations) * 100).toFixed(1)} %` : '—'}</td>
                  <td>{instant(r.since)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>Latest differences</h2>
          <table aria-label="Differences">
            <thead><tr><th scope="col">Market</th><th scope="col">When</th><th scope="col">Cart</th><th scope="col">Primary total</th><th scope="col">Shadow total</th><th scope="col">Differences</th></tr></thead>
            <tbody>
              {reports.flatMap((r) => r.samples.map((s, i) => (
                <tr key={`${r.market}-${i}`}>
                  <td>{r.market}</td><td>{instant(s.at)}</td><td><code>{s.cartId}</code></td>
                  <td className="num">{money(s.primaryTotal)}</td><td className="num">{money(s.shadowTotal)}</td>
                  <td><ul>{s.differences.map((d, j) => <li key={j}>{d}</li>)}</ul></td>
                </tr>
              )))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
