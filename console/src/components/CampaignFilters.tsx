import { useState, type FormEvent } from 'react';
import { useAccess } from '../access';
import type { CampaignFilter, CampaignOrder, CampaignStatus } from '../generated/graphql';
import { EFFECT_TYPES, STATUSES } from '../rules';
import { MarketOptions } from './Field';

export interface Search {
  filter: CampaignFilter;
  orderBy: CampaignOrder | null;
}

const FIELDS: [keyof CampaignFilter, string][] = [['text', 'Name contains'], ['sku', 'SKU'], ['channel', 'Channel'], ['engine', 'Engine']];

/** The search form: every filter of CampaignFilter the console offers, and the sort. */
export function CampaignFilters({ onSearch }: { onSearch: (s: Search) => void }) {
  const access = useAccess();
  const [values, setValues] = useState<Record<string, string>>({});
  const [sort, setSort] = useState('');
  const [direction, setDirection] = useState<'ASC' | 'DESC'>('ASC');
  const set = (name: string) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const filter: CampaignFilter = {};
    for (const [name, value] of Object.entries(values)) if (value.trim()) (filter as Record<string, string>)[name] = value.trim();
    if (filter.status) filter.status = filter.status as CampaignStatus;
    onSearch({ filter, orderBy: sort ? { field: sort as CampaignOrder['field'], direction } : null });
  };
  return (
    <form className="filters card" onSubmit={submit} role="search" aria-label="Search campaigns">
      {FIELDS.map(([name, label]) => (
        <div className="field" key={name}>
          <label htmlFor={`filter-${name}`}>{label}</label>
          <input id={`filter-${name}`} value={values[name] ?? ''} onChange={set(name)} />
        </div>
      ))}
      <div className="field">
        <label htmlFor="filter-status">Status</label>
        <select id="filter-status" value={values.status ?? ''} onChange={set('status')}>
          <option value="">Any</option>
          {STATUSES.map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-market">Market</label>
        <select id="filter-market" value={values.market ?? ''} onChange={set('market')}>
          <MarketOptions markets={access.markets} any="All my markets" />
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-effect">Effect type</label>
        <select id="filter-effect" value={values.effectType ?? ''} onChange={set('effectType')}>
          <option value="">Any</option>
          {Object.keys(EFFECT_TYPES).map((t) => <option key={t} value={t}>{t}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="sort-field">Sort by</label>
        <select id="sort-field" value={sort} onChange={(e) => setSort(e.target.value)}>
          <option value="">Default</option>
          <option value="START">Start</option>
          <option value="END">End</option>
          <option value="UPDATED">Last change</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="sort-direction">Order</label>
        <select id="sort-direction" value={direction} onChange={(e) => setDirection(e.target.value as 'ASC' | 'DESC')}>
          <option value="ASC">Ascending</option>
          <option value="DESC">Descending</option>
        </select>
      </div>
      <div className="actions">
        <button type="submit">Search</button>
      </div>
    </form>
  );
}
