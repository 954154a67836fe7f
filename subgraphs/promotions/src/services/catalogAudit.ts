import type { GraphClient } from '../../../../common/graphClient.ts';
import type { Identity } from '../../../../common/identity.ts';
import type { AuditEventView } from '../../../../common/audit/trail.ts';
import type { CatalogAuditReader, CatalogAuditQuery } from './audit.ts';

const QUERY = `query($types: [String!]!, $entityId: ID, $keyId: String, $after: String, $first: Int!) {
  auditEvents(entityTypes: $types, entityId: $entityId, keyId: $keyId, after: $after, first: $first)
}`;

/**
 * The catalog's audit trail (prices), read through the catalog's internal `auditEvents` field with the
 * caller's identity narrowed to that call: the catalog applies the caller's scopes and markets.
 */
export function catalogAuditReader(client: GraphClient, url: () => string, identity: Identity, requestId: string | undefined): CatalogAuditReader {
  return async (q: CatalogAuditQuery) => {
    const data = await client.call<{ auditEvents: AuditEventView[] }>(
      'catalog', url(), QUERY,
      { types: q.entityTypes, entityId: q.entityId, keyId: q.keyId, after: q.after, first: q.first },
      { identity, requestId },
    );
    return data.auditEvents;
  };
}
