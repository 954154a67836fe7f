import type { Clock } from '../../../../../common/clock.ts';
import { UserErrorException, userError } from '../../../../../common/errors.ts';
import type { Identity } from '../../../../../common/identity.ts';
import type { TaxExemptionRepository } from '../../data/taxExemptionRepository.ts';

export interface TaxExemptionView {
  customerId: string;
  exempt: boolean;
  reason: string | null;
  updatedAt: string | null;
}

/** Tax-exempt customers: a flag per customer, set and cleared by operations, with who and why. */
export class TaxExemptionService {
  constructor(
    private readonly repo: TaxExemptionRepository,
    private readonly clock: Clock,
    private readonly identity: Identity,
  ) {}

  async set(customerId: string, exempt: boolean, reason: string | null | undefined): Promise<TaxExemptionView> {
    const id = customerId.trim();
    if (!id || id.length > 200) throw new UserErrorException(userError('INVALID_CUSTOMER_ID', 'A customer id has 1 to 200 characters.', 'customerId'));
    if (!exempt) {
      await this.repo.clear(id);
      return { customerId: id, exempt: false, reason: null, updatedAt: this.clock.now().toISOString() };
    }
    const why = reason?.trim() ?? '';
    if (!why || why.length > 500) throw new UserErrorException(userError('INVALID_REASON', 'An exemption needs a reason (e.g. the certificate number), at most 500 characters.', 'reason'));
    const at = this.clock.now().toISOString();
    await this.repo.set({ customer_id: id, reason: why, set_by: this.identity.keyId, set_at: at });
    return { customerId: id, exempt: true, reason: why, updatedAt: at };
  }
}
