import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import type { Clock } from '../../../../common/clock.ts';
import { badInput, userError, UserErrorException, type UserError } from '../../../../common/errors.ts';
import type { Db } from '../../../../common/storage/index.ts';
import { CampaignRepository, type CampaignStatusFilter } from '../data/campaignRepository.ts';
import { LegacyRepository } from '../data/legacyRepository.ts';
import { AuditRepository } from '../../../../common/audit/repository.ts';
import { auditRow, campaignState, type AuditEntry } from './audit.ts';
import { campaignStatus, normalizeCode, toCampaignRecord, toCampaignRow, type CampaignRecord, type CampaignStatus, type StackingMode } from './campaign.ts';
import { managedMarkets, mayManage, type Caller } from './caller.ts';
import { validateCampaignInput, type CampaignInputData, type CampaignValues } from './campaignValidation.ts';
import type { Markets } from './markets.ts';
import { complianceViolations, toPolicyView, type PriceLookup } from './compliance.ts';
import type { RuleSpec } from './native/rule.ts';
import { checkStacking } from './stackingCap.ts';

/** The name search is a LIKE pattern: its length is bounded. */
const MAX_SEARCH_TEXT = 100;

/** A campaign as the API shows it. */
export interface CampaignView {
  id: string;
  name: string;
  market: string;
  channels: string[];
  priority: number;
  stacking: StackingMode;
  status: CampaignStatus;
  validFrom: string | null;
  validUntil: string | null;
  couponRequired: boolean;
  codes: string[];
  conditions: RuleSpec[];
  effect: RuleSpec;
  budget: { maxRedemptions: number | null; maxRedemptionsPerCustomer: number | null } | null;
  redemptions: number;
  createdAt: string;
  updatedAt: string;
}

export interface CampaignFilterData {
  market?: string | null;
  text?: string | null;
  status?: CampaignStatusFilter | null;
  code?: string | null;
  activeAt?: string | null;
  sku?: string | null;
  channel?: string | null;
  effectType?: string | null;
  engine?: string | null;
}

export interface CampaignOrderData {
  field: 'START' | 'END' | 'UPDATED';
  direction?: 'ASC' | 'DESC' | null;
}

export interface Page<T> {
  items: { cursor: string; node: T }[];
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount: number;
}

const MAX_PAGE = 100;
/** A page cursor: the last row's sort key (null when ordered by id) and id. */
export const encodeCursor = (id: string, key: string | null = null) => Buffer.from(key === null ? id : JSON.stringify([key, id]), 'utf8').toString('base64url');
export function decodeCursor(cursor: string | null | undefined): { key: string | null; id: string } | null {
  if (!cursor) return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith('[')) return { key: null, id: text };
  try {
    const [key, id] = JSON.parse(text) as unknown[];
    if (typeof key === 'string' && typeof id === 'string') return { key, id };
  } catch {
    // answered below
  }
  throw badInput('The cursor is not one this query answered.', 'after');
}

/** A UNIQUE constraint refused a row (SQLite or PostgreSQL). */
function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: string })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

const notFound = () => new UserErrorException(userError('CAMPAIGN_NOT_FOUND', 'No such campaign.', 'id'));

/**
 * Marketing operations on campaigns (per request). A campaign of a market the caller does not manage
 * is answered exactly as if it did not exist.
 */
export class CampaignService {
  private readonly repo: CampaignRepository;
  private readonly campaignsById: DataLoader<string, CampaignRecord | null>;
  private readonly codesById: DataLoader<string, string[]>;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly caller: Caller,
    /** catalog prices, for policies that cap an amount off at the price */
    private readonly prices: PriceLookup,
    private readonly markets: Markets,
  ) {
    this.repo = new CampaignRepository(db);
    this.campaignsById = new DataLoader(async (ids) => {
      const rows = new Map((await this.repo.byIds(ids)).map((r) => [r.id, toCampaignRecord(r)]));
      return ids.map((id) => rows.get(id) ?? null);
    });
    this.codesById = new DataLoader(async (ids) => {
      const byCampaign = new Map<string, string[]>();
      for (const r of await this.repo.explicitCodes(ids)) byCampaign.set(r.campaign_id, [...(byCampaign.get(r.campaign_id) ?? []), r.code]);
      return ids.map((id) => byCampaign.get(id) ?? []);
    });
  }

  /** The campaign when it exists and the caller manages its market, else null. */
  async visible(id: string): Promise<CampaignRecord | null> {
    const c = await this.campaignsById.load(id);
    return c && mayManage(this.caller, c.market) ? c : null;
  }

  async view(c: CampaignRecord): Promise<CampaignView> {
    return {
      id: c.id,
      name: c.name,
      market: c.market,
      channels: c.channels,
      priority: c.priority,
      stacking: c.stacking,
      status: campaignStatus(c, this.clock.now()),
      validFrom: c.validFrom,
      validUntil: c.validUntil,
      couponRequired: c.couponRequired,
      codes: await this.codesById.load(c.id),
      conditions: c.conditions,
      effect: c.effect,
      budget: c.maxRedemptions === null && c.maxRedemptionsPerCustomer === null ? null : { maxRedemptions: c.maxRedemptions, maxRedemptionsPerCustomer: c.maxRedemptionsPerCustomer },
      redemptions: c.redemptions,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    };
  }

  async get(id: string): Promise<CampaignView | null> {
    const c = await this.visible(id);
    return c ? this.view(c) : null;
  }

  async search(filter: CampaignFilterData | null | undefined, first: number | null | undefined, after: string | null | undefined, orderBy: CampaignOrderData | null = null): Promise<Page<CampaignView>> {
    const limit = Math.min(Math.max(first ?? 20, 0), MAX_PAGE);
    const f = filter ?? {};
    for (const field of ['text', 'sku', 'channel', 'effectType', 'engine'] as const) {
      if ((f[field]?.length ?? 0) > MAX_SEARCH_TEXT) throw badInput(`A search text has at most ${MAX_SEARCH_TEXT} characters.`, `filter.${field}`);
    }
    if (f.market && !mayManage(this.caller, f.market)) return { items: [], hasNextPage: false, endCursor: null, totalCount: 0 };
    const { rows, totalCount } = await this.repo.search({
      markets: managedMarkets(this.caller),
      market: f.market,
      text: f.text?.trim() || null,
      status: f.status,
      code: f.code ? normalizeCode(f.code) : null,
      activeAt: f.activeAt ? new Date(f.activeAt).toISOString() : null,
      sku: f.sku?.trim() || null,
      channel: f.channel?.trim() || null,
      effectType: f.effectType?.trim() || null,
      engine: f.engine?.trim() || null,
      sort: orderBy ? { by: orderBy.field, descending: orderBy.direction === 'DESC' } : null,
      now: this.clock.now().toISOString(),
      after: decodeCursor(after),
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const items = await Promise.all(page.map(async (row) => {
      const c = toCampaignRecord(row);
      this.campaignsById.prime(c.id, c);
      return { cursor: encodeCursor(c.id, orderBy ? row.sort_key : null), node: await this.view(c) };
    }));
    return { items, hasNextPage: rows.length > limit, endCursor: items.length ? items[items.length - 1].cursor : null, totalCount };
  }

  /** Validates everything (static rules, compliance, code uniqueness) and throws all errors at once. */
  private async validate(input: CampaignInputData, own: CampaignRecord | null): Promise<CampaignValues> {
    const currency = await this.markets.currency(input.market);
    const { values, errors } = validateCampaignInput(input, this.caller, currency);
    if (own && values.market !== own.market) {
      errors.push(userError('MARKET_CHANGE_NOT_ALLOWED', 'A campaign stays in its market; create a new campaign for another market.', 'market'));
    }
    if (!errors.some((e) => e.field === 'market')) {
      if (!errors.some((e) => e.field?.startsWith('effect'))) {
        const policy = toPolicyView(values.market, await this.repo.compliancePolicy(values.market));
        errors.push(...(await complianceViolations(values, policy, this.clock.now(), this.prices, currency)));
        // each campaign on its own first (every other check), then with the combinable ones active together
        if (policy.maxDiscountPercent !== null && currency !== null && errors.length === 0) {
          const effective = { ...values, paused: values.paused ?? own?.paused ?? false };
          errors.push(...(await checkStacking(this.repo, effective, own?.id ?? null, policy.maxDiscountPercent, this.prices, currency, this.clock.now())));
        }
      }
      errors.push(...(await this.takenCodes(this.repo, values, own?.id ?? null)));
    }
    if (errors.length) throw new UserErrorException(errors);
    return values;
  }

  private async takenCodes(repo: CampaignRepository, values: CampaignValues, ownId: string | null): Promise<UserError[]> {
    const taken = await repo.existingCodes(values.market, values.codes);
    return taken
      .filter((t) => t.campaign_id !== ownId)
      .map((t) => userError('DISCOUNT_CODE_TAKEN', `${t.code} is already used in market ${values.market}.`, `codes[${values.codes.indexOf(t.code)}]`));
  }

  /** Runs a write; a code taken by a concurrent save (unique violation) becomes DISCOUNT_CODE_TAKEN. */
  private async write(values: CampaignValues, ownId: string | null, fn: (repo: CampaignRepository) => Promise<void>, audit: AuditEntry): Promise<void> {
    try {
      await this.db.transaction(async (tx) => {
        const repo = new CampaignRepository(tx);
        const taken = await this.takenCodes(repo, values, ownId);
        if (taken.length) throw new UserErrorException(taken);
        await fn(repo);
        // recorded with the change, or not at all
        await new AuditRepository(tx).record(auditRow(this.caller.identity, this.clock.now().toISOString(), audit));
      });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      const taken = await this.takenCodes(this.repo, values, ownId);
      throw new UserErrorException(taken.length ? taken : [userError('DISCOUNT_CODE_TAKEN', 'A code is already used in this market.', 'codes')]);
    }
  }

  async create(input: CampaignInputData): Promise<CampaignView> {
    const values = await this.validate(input, null);
    const now = this.clock.now().toISOString();
    const record: CampaignRecord = {
      id: randomUUID(),
      ...values,
      paused: values.paused ?? false,
      redemptions: 0,
      createdAt: now,
      updatedAt: now,
    };
    const audit: AuditEntry = { entityType: 'CAMPAIGN', entityId: record.id, market: record.market, action: 'CREATED', before: null, after: campaignState(record, values.codes) };
    await this.write(values, null, async (repo) => {
      await repo.insert(toCampaignRow(record));
      await repo.replaceExplicitCodes(record.id, record.market, values.codes, now);
    }, audit);
    return this.view(record);
  }

  async update(id: string, input: CampaignInputData): Promise<CampaignView> {
    const existing = await this.visible(id);
    if (!existing) throw notFound();
    const values = await this.validate(input, existing);
    const now = this.clock.now().toISOString();
    const record: CampaignRecord = {
      ...existing,
      ...values,
      market: existing.market,
      paused: values.paused ?? existing.paused,
      updatedAt: now,
    };
    const before = campaignState(existing, await this.codesById.load(id));
    const audit: AuditEntry = { entityType: 'CAMPAIGN', entityId: id, market: record.market, action: 'UPDATED', before, after: campaignState(record, values.codes) };
    await this.write(values, id, async (repo) => {
      await repo.update(toCampaignRow(record));
      await repo.replaceExplicitCodes(id, record.market, values.codes, now);
    }, audit);
    this.campaignsById.clear(id);
    this.codesById.clear(id);
    const saved = await this.campaignsById.load(id);
    return this.view(saved ?? record);
  }

  /**
   * Internal: which codes exist in the market (any status), in the native engine's or the built-in legacy
   * engine's codes (a market routed to `legacy` may have codes only it knows). An unknown code and
   * another market's code look the same.
   */
  async checkCodes(market: string, codes: readonly string[]): Promise<{ code: string; valid: boolean }[]> {
    const upper = [...new Set(codes.map(normalizeCode))];
    const [native, legacy] = await Promise.all([this.repo.existingCodes(market, upper), new LegacyRepository(this.db).codes(market, upper)]);
    const existing = new Set([...native, ...legacy].map((r) => r.code));
    return codes.map((code) => ({ code, valid: existing.has(normalizeCode(code)) }));
  }
}
