import type { Clock } from '../../../../common/clock.ts';
import type { Logger } from '../../../../common/log.ts';
import type { OrdersRepository, SagaTask } from '../data/ordersRepository.ts';
import type { OrderDependencies } from './dependencies.ts';

const MAX_BACKOFF_MS = 60_000;

/**
 * Follow-up steps of an accepted order (commit the stock reservation, close the cart) and
 * compensations of failed attempts (release stock and redemptions), recorded
 * in the same transaction as the order and retried until they succeed, so a crash or an outage
 * after the order was written never leaves its stock unsold or its cart open.
 */
export class TaskRunner {
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly repo: OrdersRepository,
    private readonly deps: OrderDependencies,
    private readonly clock: Clock,
    private readonly log: Logger,
    /** pays out recorded refunds (after-sales); without it ISSUE_REFUND tasks wait */
    private readonly refunds: { issue(refundId: string): Promise<void> } | null = null,
  ) {}

  private async runOne(task: SagaTask): Promise<void> {
    const payload = JSON.parse(task.payload) as Record<string, string>;
    try {
      if (task.kind === 'COMMIT_RESERVATION') await this.deps.commitReservation(payload.reservationId);
      else if (task.kind === 'MARK_CART_ORDERED') await this.deps.markCartOrdered(payload.cartId, task.order_id);
      // compensations of a failed or abandoned attempt (idempotent; an unknown id is a no-op)
      else if (task.kind === 'RELEASE_RESERVATION') await this.deps.releaseReservation(payload.reservationId);
      else if (task.kind === 'RELEASE_REDEMPTIONS') await this.deps.releaseRedemptions(payload.orderId);
      // after the sale (services/afterSales): each idempotent per its id
      else if (task.kind === 'ISSUE_REFUND') {
        if (!this.refunds) throw new Error('no payment provider configured');
        await this.refunds.issue(payload.refundId);
      } else if (task.kind === 'RESTOCK_ORDER') await this.deps.restockReservation(payload.reservationId);
      else if (task.kind === 'RESTOCK_LINES') {
        const r = JSON.parse(task.payload) as { restockId: string; location: string; lines: { sku: string; quantity: number }[] };
        await this.deps.restockReturn(r.restockId, r.location, r.lines);
      } else if (task.kind === 'RECORD_PROMOTION_RETURN') {
        const r = JSON.parse(task.payload) as { orderId: string; items: { sku: string; quantity: number }[] };
        await this.deps.recordReturnedItems(r.orderId, r.items);
      } else if (task.kind === 'RECORD_OFFLINE_SALE') {
        const sale = JSON.parse(task.payload) as { location: string; lines: { sku: string; quantity: number }[] };
        await this.deps.recordOfflineSale(task.order_id, sale.location, sale.lines);
      }
      await this.repo.completeTask(task.id);
    } catch (e) {
      const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** task.attempts);
      await this.repo.retryTask(task.id, (e as Error).message, new Date(this.clock.now().getTime() + delay).toISOString());
      throw e;
    }
  }

  /** Runs the due tasks of one order now (right after it was written): refunds first, then the others together. */
  async runFor(orderId: string): Promise<void> {
    const tasks = (await this.repo.dueTasks(this.clock.now().toISOString(), 1000)).filter((t) => t.order_id === orderId);
    const refunds = await Promise.allSettled(tasks.filter((t) => t.kind === 'ISSUE_REFUND').map((t) => this.runOne(t)));
    const others = await Promise.allSettled(tasks.filter((t) => t.kind !== 'ISSUE_REFUND').map((t) => this.runOne(t)));
    const failed = [...refunds, ...others].find((r) => r.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
  }

  /** Runs every due task once (retention of idempotency keys is services/retention.ts). */
  async sweep(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      // refunds before the other tasks of the same moment (money first, then stock)
      const tasks = (await this.repo.dueTasks(this.clock.now().toISOString())).sort((a, b) => Number(b.kind === 'ISSUE_REFUND') - Number(a.kind === 'ISSUE_REFUND'));
      for (const t of tasks) {
        await this.runOne(t).catch((e) => this.log.warn({ task: t.kind, orderId: t.order_id, err: (e as Error).message }, 'task failed; will retry'));
      }
      return tasks.length;
    } finally {
      this.running = false;
    }
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.sweep().catch(() => undefined), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
