import { useEffect, useState } from 'react';
import { useAccess } from '../access';
import { ApiError, gql } from '../api';
import { ConsolePromotionProvidersDocument, ConsoleRoutingDocument, ConsoleSetRoutingsDocument, type PromotionRoutingInput } from '../generated/graphql';
import { ErrorBanner, UserErrorList } from './ErrorBanner';
import type { FieldError } from './Field';

interface Row {
  market: string;
  selected: boolean;
  provider: string;
  shadowProvider: string;
  rolloutProvider: string;
  rolloutPercent: string;
}

/** Routing of the key's markets: pick several, change them, save them in one change (all or nothing). */
export function RoutingScreen() {
  const access = useAccess();
  const [providers, setProviders] = useState<string[]>([]);
  const [rows, setRows] = useState<Row[]>([]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    gql(ConsolePromotionProvidersDocument).then((d) => setProviders(d.promotionProviders)).catch((e: ApiError) => setFailure(e));
    Promise.all(access.markets.map(async (m) => {
      const r = (await gql(ConsoleRoutingDocument, { market: m.code })).promotionRouting;
      return { market: m.code, selected: false, provider: r?.provider ?? 'native', shadowProvider: r?.shadowProvider ?? '', rolloutProvider: r?.rollout?.provider ?? '', rolloutPercent: r?.rollout ? String(r.rollout.percent) : '' };
    })).then(setRows).catch((e: ApiError) => setFailure(e));
  }, [access.markets]);

  const change = (i: number, patch: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch, selected: true } : r)));
  const selected = rows.filter((r) => r.selected);

  const save = async () => {
    setFailure(null);
    setSaved(null);
    const inputs: PromotionRoutingInput[] = selected.map((r) => ({
      market: r.market,
      provider: r.provider,
      shadowProvider: r.shadowProvider || null,
      rollout: r.rolloutProvider ? { provider: r.rolloutProvider, percent: Number(r.rolloutPercent || 0) } : null,
    }));
    try {
      const res = (await gql(ConsoleSetRoutingsDocument, { inputs })).setPromotionRoutings;
      setErrors(res.userErrors);
      if (res.routings) {
        setSaved(`Saved the routing of ${res.routings.map((r) => r.market).join(', ')}.`);
        setRows((rs) => rs.map((r) => ({ ...r, selected: false })));
      }
    } catch (e) {
      setFailure(e as ApiError);
    }
  };

  /** errors name inputs[i].field: i is the position among the selected rows */
  const errorsOf = (market: string, field: string) => {
    const i = selected.findIndex((r) => r.market === market);
    return errors.filter((e) => i >= 0 && (e.field === `inputs[${i}].${field}` || (field === 'market' && e.field === `inputs[${i}]`)));
  };
  const general = errors.filter((e) => !/^inputs\[\d+\]/.test(e.field ?? ''));
  const opts = (empty?: string) => (
    <>
      {empty !== undefined && <option value="">{empty}</option>}
      {providers.map((p) => <option key={p} value={p}>{p}</option>)}
    </>
  );
  const cellErrors = (list: FieldError[]) => list.map((e, k) => <div key={k} className="field-error" role="alert"><strong className="code">{e.code}</strong> {e.message}</div>);

  return (
    <section aria-labelledby="routing-title">
      <h1 id="routing-title">Promotion routing</h1>
      <p>Change the markets you tick; they are saved together, or none is.</p>
      {failure && <ErrorBanner error={failure} />}
      <UserErrorList errors={general} />
      {saved && <p className="notice" role="status">{saved}</p>}
      <table aria-label="Routing per market">
        <thead><tr><th scope="col">Change</th><th scope="col">Market</th><th scope="col">Primary engine</th><th scope="col">Shadow engine</th><th scope="col">Rollout engine</th><th scope="col">Rollout %</th></tr></thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.market}>
              <td><input type="checkbox" id={`r-${r.market}-sel`} checked={r.selected} onChange={(e) => setRows((rs) => rs.map((x, j) => (j === i ? { ...x, selected: e.target.checked } : x)))} /><label htmlFor={`r-${r.market}-sel`} className="sr-only">Change {r.market}</label></td>
              <th scope="row">{r.market}{cellErrors(errorsOf(r.market, 'market'))}</th>
              <td><label htmlFor={`r-${r.market}-provider`} className="sr-only">Primary engine of {r.market}</label><select id={`r-${r.market}-provider`} value={r.provider} onChange={(e) => change(i, { provider: e.target.value })}>{opts()}</select>{cellErrors(errorsOf(r.market, 'provider'))}</td>
              <td><label htmlFor={`r-${r.market}-shadow`} className="sr-only">Shadow engine of {r.market}</label><select id={`r-${r.market}-shadow`} value={r.shadowProvider} onChange={(e) => change(i, { shadowProvider: e.target.value })}>{opts('none')}</select>{cellErrors(errorsOf(r.market, 'shadowProvider'))}</td>
              <td><label htmlFor={`r-${r.market}-rollout`} className="sr-only">Rollout engine of {r.market}</label><select id={`r-${r.market}-rollout`} value={r.rolloutProvider} onChange={(e) => change(i, { rolloutProvider: e.target.value })}>{opts('none')}</select>{cellErrors(errorsOf(r.market, 'rollout.provider'))}</td>
              <td><label htmlFor={`r-${r.market}-percent`} className="sr-only">Rollout percent of {r.market}</label><input id={`r-${r.market}-percent`} type="number" min={0} max={100} value={r.rolloutPercent} onChange={(e) => change(i, { rolloutPercent: e.target.value })} />{cellErrors(errorsOf(r.market, 'rollout.percent'))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => void save()} disabled={!selected.length}>Save {selected.length} market{selected.length === 1 ? '' : 's'}</button>
    </section>
  );
}
