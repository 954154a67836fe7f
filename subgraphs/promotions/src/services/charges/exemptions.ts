import { randomUUID } from 'node:crypto';
import type { Clock } from '../../../../../common/clock.ts';
import type { Db } from '../../../../../common/storage/index.ts';
import { UserErrorException, userError } from '../../../../../common/errors.ts';
import type { Identity } from '../../../../../common/identity.ts';
import { TaxExemptionRepository, type TaxExemptionRow } from '../../data/taxExemptionRepository.ts';
import { AuditRepository } from '../../../../../common/audit/repository.ts';
import { auditRow } from '../audit.ts';

export interface TaxExemptionView {
  customerId: string;
  exempt: boolean;
  reason: string | null;
  updatedAt: string | null;
}

const view = (customerId: string, row: TaxExemptionRow | null): TaxExemptionView =>
  row ? { customerId, exempt: true, reason: row.reason, updatedAt: row.set_at } : { customerId, exempt: false, reason: null, updatedAt: null };

/** Tax-exempt customers: a flag per customer, set and cleared by operations, with who and why; every change audited (its own history and the audit trail). */
export class TaxExemptionService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly identity: Identity,
  ) {}

  private checkId(customerId: string): string {
    const id = customerId.trim();
    if (!id || id.length > 200) throw new UserErrorException(userError('INVALID_CUSTOMER_ID', 'A customer id has 1 to 200 characters.', 'customerId'));
    return id;
  }

  async get(customerId: string): Promise<TaxExemptionView> {
    const id = this.checkId(customerId);
    return view(id, await new TaxExemptionRepository(this.db).get(id));
  }

  async set(customerId: string, exempt: boolean, reason: string | null | undefined): Promise<TaxExemptionView> {
    const id = this.checkId(customerId);
    const why = reason?.trim() ?? '';
    if (exempt && (!why || why.length > 500)) throw new UserErrorException(userError('INVALID_REASON', 'An exemption needs a reason (e.g. the certificate number), at most 500 characters.', 'reason'));
    if (this.clock.preview) throw new UserErrorException(userError('PREVIEW_READ_ONLY', 'A preview is read-only.'));
    const at = this.clock.now().toISOString();
    const after: TaxExemptionRow | null = exempt ? { customer_id: id, reason: why, set_by: this.identity.keyId, set_at: at } : null;
    await this.db.transaction(async (tx) => {
      const repo = new TaxExemptionRepository(tx);
      const before = await repo.get(id);
      if (after) await repo.set(after);
      else await repo.clear(id);
      await repo.audit({ id: randomUUID(), customerId: id, actor: this.identity.keyId, at, before, after });
      // and in the audit trail of every administrative change (auditTrail, operations scope)
      const state = (row: TaxExemptionRow | null) => (row ? { exempt: true, reason: row.reason } : { exempt: false, reason: null });
      await new AuditRepository(tx).record(auditRow(this.identity, at, {
        entityType: 'TAX_EXEMPTION', entityId: id, market: null, action: after ? 'SET' : 'CLEARED', before: state(before), after: state(after),
      }));
    });
    return view(id, after);
  }
}
