import { createHash } from 'node:crypto';
import { userError, UserErrorException, type UserError } from '../../../../common/errors.ts';
import { money, type Money } from '../../../../common/money.ts';
import type { Clock } from '../../../../common/clock.ts';
import type { RoutingRepository, RoutingRow } from '../data/routingRepository.ts';
import { DEFAULT_PROVIDER } from './providers/builtin.ts';
import type { ProviderRegistry } from './providers/registry.ts';
import type { Markets } from './markets.ts';
import { mayManage, type Caller } from './caller.ts';
import { AuditRepository } from '../../../../common/audit/repository.ts';
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
/** markets one routing change may name */
export const MAX_ROUTINGS_PER_CHANGE = 100;

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

  /** The user errors of one routing input; `prefix` names it in a list (`inputs[2].`). */
  private async inputErrors(input: RoutingInput, prefix = ''): Promise<UserError[]> {
    const errors: UserError[] = (await this.marketErrors(input.market)).map((e) => ({ ...e, field: `${prefix}${e.field}` }));
    const unknown = (name: string, field: string) => {
      if (!this.registry.has(name)) {
        errors.push(userError('UNKNOWN_PROVIDER', `Unknown provider "${name}". Known: ${this.registry.names().join(', ')}.`, `${prefix}${field}`));
      }
    };
    unknown(input.provider, 'provider');
    if (input.shadowProvider) unknown(input.shadowProvider, 'shadowProvider');
    if (input.rollout) {
      unknown(input.rollout.provider, 'rollout.provider');
      if (!Number.isInteger(input.rollout.percent) || input.rollout.percent < 0 || input.rollout.percent > 100) {
        errors.push(userError('INVALID_PERCENT', 'The rollout percent must be an integer from 0 to 100.', `${prefix}rollout.percent`));
      }
    }
    return errors;
  }

  async setRouting(input: RoutingInput): Promise<RoutingRecord> {
    const errors = await this.inputErrors(input);
    if (errors.length) throw new UserErrorException(errors);
    return (await this.save([input]))[0];
  }

  /**
   * Routing for several markets in one change, all or nothing: every input is checked first (errors
   * name `inputs[i].…`; a market twice: DUPLICATE_MARKET), then all are saved in one transaction with
   * their audit records.
   */
  async setRoutings(inputs: RoutingInput[]): Promise<RoutingRecord[]> {
    if (inputs.length === 0 || inputs.length > MAX_ROUTINGS_PER_CHANGE) {
      throw new UserErrorException(userError('INVALID_COUNT', `Give from 1 to ${MAX_ROUTINGS_PER_CHANGE} markets.`, 'inputs'));
    }
    const errors: UserError[] = [];
    const seen = new Set<string>();
    for (const [i, input] of inputs.entries()) {
      if (seen.has(input.market)) errors.push(userError('DUPLICATE_MARKET', `Market ${input.market} is given twice.`, `inputs[${i}].market`));
      seen.add(input.market);
      errors.push(...(await this.inputErrors(input, `inputs[${i}].`)));
    }
    if (errors.length) throw new UserErrorException(errors);
    return this.save(inputs);
  }

  private async save(inputs: RoutingInput[]): Promise<RoutingRecord[]> {
    const current = new Map((await this.repo.routing(inputs.map((i) => i.market))).map((r) => [r.market, r]));
    const at = this.clock.now().toISOString();
    const changes = inputs.map((input) => {
      const row = current.get(input.market);
      const before = toRouting(input.market, row);
      const next: RoutingRecord = {
        market: input.market,
        provider: input.provider,
        shadowProvider: input.shadowProvider || null,
        rollout: input.rollout ? { provider: input.rollout.provider, percent: input.rollout.percent } : null,
      };
      return { row, before, next };
    });
    await this.repo.saveRoutings(
      changes.map(({ before, next }) => ({
        row: {
          market: next.market,
          provider: next.provider,
          shadow_provider: next.shadowProvider,
          rollout_provider: next.rollout?.provider ?? null,
          rollout_percent: next.rollout?.percent ?? null,
          updated_at: at,
        },
        resetShadowReport: before.provider !== next.provider || before.shadowProvider !== next.shadowProvider,
      })),
      async (tx) => {
        const audit = new AuditRepository(tx);
        for (const { row, before, next } of changes) {
          await audit.record(auditRow(this.caller.identity, at, {
            entityType: 'ROUTING', entityId: next.market, market: next.market, action: row ? 'UPDATED' : 'CREATED',
            before: row ? routingState(before) : null, after: routingState(next),
          }));
        }
      },
    );
    return changes.map((c) => c.next);
  }

  /** Starts the market's shadow report over, now; returns the (empty) report. */
  async resetShadowReport(market: string): Promise<ShadowReport | null> {
    const errors = await this.marketErrors(market);
    if (errors.length) throw new UserErrorException(errors);
    const at = this.clock.now().toISOString();
    await this.repo.resetShadowReport(market, at, async (tx, before) => {
      const state = (s: { evaluations: number; mismatches: number; since: string | null } | undefined) => (s ? { evaluations: Number(s.evaluations), mismatches: Number(s.mismatches), since: s.since } : null);
      await new AuditRepository(tx).record(auditRow(this.caller.identity, at, {
        entityType: 'SHADOW_REPORT', entityId: market, market, action: 'RESET',
        before: state(before), after: state({ evaluations: 0, mismatches: 0, since: at }),
      }));
    });
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
