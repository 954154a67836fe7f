import { createHash } from 'node:crypto';
import { userError, UserErrorException, type UserError } from '../../../../common/errors.ts';
import { money, type Money } from '../../../../common/money.ts';
import type { Clock } from '../../../../common/clock.ts';
import type { RoutingRepository, RoutingRow } from '../data/routingRepository.ts';
import { DEFAULT_PROVIDER } from './providers/builtin.ts';
import type { ProviderRegistry } from './providers/registry.ts';
import type { Markets } from './markets.ts';
import { mayManage, type Caller } from './caller.ts';
import { AuditRepository } from '../data/auditRepository.ts';
import { auditRow } from './audit.ts';

/** A routing as the audit trail keeps it. */
const routingState = (r: RoutingRecord) => ({ provider: r.provider, shadowProvider: r.shadowProvider, rollout: r.rollout });

/**
 * A shadow sample names its cart by a stable pseudonym, not by its id: a cart id is what reaches a
 * guest cart, and marketers read the report. The same cart always has the same reference.
 */
export function sampleCartRef(cartId: string): string {
  return `cart-${createHash('sha256').update(cartId).digest('hex').slice(0, 20)}`;
}

export interface RoutingRecord {
  market: string;
  provider: string;
  shadowProvider: string | null;
  rollout: { provider: string; percent: number } | null;
}

export function toRouting(market: string, row: RoutingRow | undefined): RoutingRecord {
  if (!row) return { market, provider: DEFAULT_PROVIDER, shadowProvider: null, rollout: null };
  return {
    market,
    provider: row.provider,
    shadowProvider: row.shadow_provider,
    rollout: row.rollout_provider !== null ? { provider: row.rollout_provider, percent: Number(row.rollout_percent ?? 0) } : null,
  };
}

/** A cart's rollout bucket 0..99: the same cart always lands in the same bucket. */
export function rolloutBucket(cartId: string): number {
  return createHash('sha256').update(cartId).digest().readUInt32BE(0) % 100;
}

/** The provider that prices a cart: the rollout provider for carts whose bucket < percent, else the primary. */
export function providerForCart(routing: RoutingRecord, cartId: string): string {
  if (routing.rollout && rolloutBucket(cartId) < routing.rollout.percent) return routing.rollout.provider;
  return routing.provider;
}

export interface RoutingInput {
  market: string;
  provider: string;
  shadowProvider?: string | null;
  rollout?: { provider: string; percent: number } | null;
}

export interface ShadowReport {
  market: string;
  primaryProvider: string;
  shadowProvider: string | null;
  evaluations: number;
  mismatches: number;
  samples: { cartId: string; primaryTotal: Money; shadowTotal: Money; differences: string[]; at: string }[];
  /** ISO instant the counts start from (null: before the column existed, or nothing compared yet) */
  since: string | null;
}

export const SHADOW_SAMPLES_KEPT = 20;

/** Marketing operations on routing and the shadow report. */
export class RoutingService {
  constructor(
    private readonly repo: RoutingRepository,
    private readonly registry: ProviderRegistry,
    private readonly clock: Clock,
    private readonly caller: Caller,
    private readonly markets: Markets,
  ) {}

  providers(): string[] {
    return this.registry.names();
  }

  /** The market's routing (default native), or null for a market the caller does not manage. */
  async routing(market: string): Promise<RoutingRecord | null> {
    if (!mayManage(this.caller, market) || (await this.markets.currency(market)) === null) return null;
    const [row] = await this.repo.routing([market]);
    return toRouting(market, row);
  }

  /** The user errors of a market the caller may not change routing or reports of. */
  private async marketErrors(market: string): Promise<UserError[]> {
    if ((await this.markets.currency(market)) === null) return [userError('MARKET_UNKNOWN', `Unknown market ${market}.`, 'market')];
    if (!mayManage(this.caller, market)) return [userError('FORBIDDEN_MARKET', `This key does not manage market ${market}.`, 'market')];
    return [];
  }

  async setRouting(input: RoutingInput): Promise<RoutingRecord> {
    const errors = await this.marketErrors(input.market);
    const unknown = (name: string, field: string) => {
      if (!this.registry.has(name)) {
        errors.push(userError('UNKNOWN_PROVIDER', `Unknown provider "${name}". Known: ${this.registry.names().join(', ')}.`, field));
      }
    };
    unknown(input.provider, 'provider');
    if (input.shadowProvider) unknown(input.shadowProvider, 'shadowProvider');
    if (input.rollout) {
      unknown(input.rollout.provider, 'rollout.provider');
      if (!Number.isInteger(input.rollout.percent) || input.rollout.percent < 0 || input.rollout.percent > 100) {
        errors.push(userError('INVALID_PERCENT', 'The rollout percent must be an integer from 0 to 100.', 'rollout.percent'));
      }
    }
    if (errors.length) throw new UserErrorException(errors);
    const [current] = await this.repo.routing([input.market]);
    const before = toRouting(input.market, current);
    const next: RoutingRecord = {
      market: input.market,
      provider: input.provider,
      shadowProvider: input.shadowProvider || null,
      rollout: input.rollout ? { provider: input.rollout.provider, percent: input.rollout.percent } : null,
    };
    const at = this.clock.now().toISOString();
    const comparedChanged = before.provider !== next.provider || before.shadowProvider !== next.shadowProvider;
    await this.repo.saveRouting(
      {
        market: next.market,
        provider: next.provider,
        shadow_provider: next.shadowProvider,
        rollout_provider: next.rollout?.provider ?? null,
        rollout_percent: next.rollout?.percent ?? null,
        updated_at: at,
      },
      comparedChanged,
      (tx) => new AuditRepository(tx).record(auditRow(this.caller.identity, at, {
        entityType: 'ROUTING', entityId: next.market, market: next.market, action: current ? 'UPDATED' : 'CREATED',
        before: current ? routingState(before) : null, after: routingState(next),
      })),
    );
    return next;
  }

  /** Starts the market's shadow report over, now; returns the (empty) report. */
  async resetShadowReport(market: string): Promise<ShadowReport | null> {
    const errors = await this.marketErrors(market);
    if (errors.length) throw new UserErrorException(errors);
    await this.repo.resetShadowReport(market, this.clock.now().toISOString());
    return this.shadowReport(market);
  }

  async shadowReport(market: string): Promise<ShadowReport | null> {
    const routing = await this.routing(market);
    if (!routing) return null;
    const [stats, samples] = await Promise.all([this.repo.shadowStats(market), this.repo.shadowSamples(market, SHADOW_SAMPLES_KEPT)]);
    return {
      market,
      primaryProvider: routing.provider,
      shadowProvider: routing.shadowProvider,
      evaluations: Number(stats?.evaluations ?? 0),
      mismatches: Number(stats?.mismatches ?? 0),
      since: stats?.since ?? null,
      samples: samples.map((s) => ({
        cartId: sampleCartRef(s.cart_id),
        primaryTotal: money(Number(s.primary_total_minor), s.currency_code),
        shadowTotal: money(Number(s.shadow_total_minor), s.currency_code),
        differences: JSON.parse(s.differences) as string[],
        at: s.at,
      })),
    };
  }
}
