import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ApiError, gql } from '../api';
import { ConsoleAuditTrailDocument, type AuditEntityType, type AuditFilter, type ConsoleAuditTrailQuery } from '../generated/graphql';
import { instant, json } from '../format';
import { go } from '../route';
import { ErrorBanner } from './ErrorBanner';

const TYPES: AuditEntityType[] = ['CAMPAIGN', 'COUPON_BATCH', 'ROUTING', 'COMPLIANCE_POLICY'];
type Event = ConsoleAuditTrailQuery['auditTrail']['events'][number];

/** The audit trail of the key's markets: of one entity (type and id), of one key, or everything; newest first. */
export function AuditTrail({ entityType, entityId, keyId }: { entityType: string | null; entityId: string | null; keyId: string | null }) {
  const [type, setType] = useState(entityType ?? '');
  const [id, setId] = useState(entityId ?? '');
  const [key, setKey] = useState(keyId ?? '');
  const [events, setEvents] = useState<Event[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);

  const filter: AuditFilter = {
    ...(entityType ? { entityType: entityType as AuditEntityType } : {}),
    ...(entityId ? { entityId } : {}),
    ...(keyId ? { keyId } : {}),
  };
  const load = useCallback(async (after: string | null) => {
    setFailure(null);
    try {
      const { auditTrail } = await gql(ConsoleAuditTrailDocument, { filter, first: 50, after });
      setEvents((e) => (after ? [...e, ...auditTrail.events] : auditTrail.events));
      setNext(auditTrail.pageInfo.hasNextPage ? auditTrail.pageInfo.endCursor ?? null : null);
    } catch (e) {
      setFailure(e as ApiError);
    }
    // the filter comes from the URL: this component is remounted when it changes
  }, []);
  useEffect(() => {
    void load(null);
  }, [load]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    go('/audit', { ...(type ? { type } : {}), ...(id.trim() ? { id: id.trim() } : {}), ...(key.trim() ? { key: key.trim() } : {}) });
  };

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit trail</h1>
      <form className="filters card" onSubmit={submit} aria-label="Filter the audit trail">
        <div className="field">
          <label htmlFor="a-type">Entity type</label>
          <select id="a-type" value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">Any</option>
            {TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
        </div>
        <div className="field"><label htmlFor="a-id">Entity id</label><input id="a-id" value={id} onChange={(e) => setId(e.target.value)} /></div>
        <div className="field"><label htmlFor="a-key">Key id</label><input id="a-key" value={key} onChange={(e) => setKey(e.target.value)} /></div>
        <div className="actions"><button type="submit">Show</button></div>
      </form>
      {failure && <ErrorBanner error={failure} />}
      <ol className="events" aria-label="Audit events">
        {events.map((e) => (
          <li key={e.id} className="card">
            <div><strong>{e.action}</strong> {e.entityType} <code>{e.entityId}</code>{e.market ? ` (${e.market})` : ''} by <code>{e.keyId}</code> at {instant(e.at)}</div>
            {e.changes.length > 0 && (
              <table aria-label={`Changes of event ${e.id}`}>
                <thead><tr><th scope="col">Field</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
                <tbody>{e.changes.map((c) => <tr key={c.field}><td>{c.field}</td><td><code>{json(c.before) || '—'}</code></td><td><code>{json(c.after) || '—'}</code></td></tr>)}</tbody>
              </table>
            )}
          </li>
        ))}
        {!events.length && !failure && <li>No changes recorded.</li>}
      </ol>
      {next && <button type="button" onClick={() => void load(next)}>Older changes</button>}
    </section>
  );
}
