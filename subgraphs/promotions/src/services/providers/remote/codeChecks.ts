import type { Clock } from '../../../../../../common/clock.ts';
import type { Logger } from '../../../../../../common/log.ts';
import type { RoutingRepository } from '../../../data/routingRepository.ts';
import { toRouting } from '../../routing.ts';
import type { ProviderRegistry } from '../registry.ts';
import { withTimeBudget } from '../timeBudget.ts';

/**
 * Code entry with remote engines: a code that neither the native nor the legacy engine knows may exist
 * in the remote engine that prices the market's carts (primary or rollout provider). Those engines are
 * asked (Talon.One: CouponNotFound; commercetools: Query DiscountCodes). A failing engine fails the
 * check (the cart answers "cannot be checked right now"), it never accepts a code blindly.
 */
export class RemoteCodeChecks {
  constructor(
    private readonly registry: ProviderRegistry,
    private readonly routing: RoutingRepository,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly timeoutMs: number,
  ) {}

  async complete(market: string, local: { code: string; valid: boolean }[]): Promise<{ code: string; valid: boolean }[]> {
    const unknown = local.filter((c) => !c.valid).map((c) => c.code);
    if (unknown.length === 0) return local;
    const [row] = await this.routing.routing([market]);
    const route = toRouting(market, row);
    const names = [...new Set([route.provider, route.rollout?.provider].filter((n): n is string => Boolean(n)))];
    const known = new Set<string>();
    for (const name of names) {
      const provider = this.registry.get(name);
      if (!provider?.knownCodes) continue;
      const now = this.clock.now();
      const found = await withTimeBudget(this.timeoutMs, (signal) => provider.knownCodes!(market, unknown, { now, signal, log: this.log }));
      for (const c of found) known.add(c);
    }
    return local.map((c) => (c.valid ? c : { code: c.code, valid: known.has(c.code.trim().toUpperCase()) }));
  }
}
