import type { Clock } from '../../../../../common/clock.ts';
import type { Logger } from '../../../../../common/log.ts';
import type { AfterSalesRepository } from '../../data/afterSalesRepository.ts';
import { refundEvent } from '../afterSales/events.ts';
import { PaymentUnavailableError, type PaymentProvider } from './provider.ts';

/**
 * Pays out a recorded refund through the payment provider (a follow-up task, retried until the
 * provider answers). The provider's idempotency key is stored with the refund, so a retry after a
 * timeout or a crash never pays twice. SUCCEEDED records RefundIssued, REFUSED records RefundRefused
 * and stays visible until an operator retries it (a new key).
 */
export class Refunds {
  constructor(
    private readonly repo: AfterSalesRepository,
    private readonly provider: PaymentProvider,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  async issue(refundId: string): Promise<void> {
    const refund = await this.repo.refund(refundId);
    if (!refund || refund.status !== 'PENDING') return;
    let outcome;
    try {
      outcome = await this.provider.refund({
        idempotencyKey: refund.provider_key,
        orderId: refund.order_id,
        paymentReference: refund.payment_reference,
        amountMinor: refund.amount_minor,
        currencyCode: refund.currency_code,
      });
    } catch (e) {
      const message = e instanceof PaymentUnavailableError ? e.message : `payment provider failed: ${(e as Error).message}`;
      await this.repo.noteRefundFailure(refundId, message, this.clock.now().toISOString());
      throw new Error(message);
    }
    const at = this.clock.now().toISOString();
    await this.repo.db.transaction(async (tx) => {
      if (!(await this.repo.settleRefund(tx, refundId, refund.provider_key, outcome, this.provider.name, at))) return;
      const settled = (await this.repo.refund(refundId, tx))!;
      const order = await tx.get<{ number: string }>('SELECT number FROM orders WHERE id = ?', [refund.order_id]);
      await this.repo.insertEvent(tx, refundEvent(settled, order?.number ?? '', at));
    });
    if (outcome.status === 'REFUSED') this.log.warn({ refundId, orderId: refund.order_id, reason: outcome.reason }, 'refund refused by the payment provider; an operator may retry it');
  }
}
