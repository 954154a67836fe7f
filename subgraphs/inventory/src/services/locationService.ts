import type { Clock } from '../../../../common/clock.ts';
import { userError, UserErrorException, type UserError } from '../../../../common/errors.ts';
import type { InventoryRepository, LocationRow } from '../data/inventoryRepository.ts';
import { toLocation, type LocationKind, type LocationRecord } from './stockService.ts';

/** A location to create or change: `code` names it; omitted fields keep their values (name, kind, markets are needed to create). */
export interface LocationInput {
  code: string;
  name?: string | null;
  kind?: LocationKind | null;
  markets?: readonly string[] | null;
  address?: unknown;
  channels?: readonly string[] | null;
}

/** Whether a market exists (learned from the catalog through the graph); throws when the catalog cannot be asked. */
export type MarketExists = (code: string) => Promise<boolean>;

export const LOCATION_CODE_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
const CHANNEL_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
const TYPE_PATTERN = /^[a-z][a-z0-9-]*\/v\d+$/;
const KINDS: readonly LocationKind[] = ['WAREHOUSE', 'STORE', 'KIOSK'];
const MAX_NAME_LENGTH = 200;
const MAX_LIST = 64;
const MAX_ADDRESS_BYTES = 4096;

function list(value: unknown, field: string, code: string, pattern: RegExp, what: string, errors: UserError[]): string[] {
  if (!Array.isArray(value)) {
    errors.push(userError(code, `${field} is a list.`, field));
    return [];
  }
  if (value.length > MAX_LIST) errors.push(userError(code, `At most ${MAX_LIST} entries.`, field));
  const out: string[] = [];
  value.forEach((v, i) => {
    const s = typeof v === 'string' ? v.trim() : '';
    if (!pattern.test(s)) errors.push(userError(code, `"${String(v).slice(0, 40)}" is not ${what}.`, `${field}[${i}]`));
    else if (!out.includes(s)) out.push(s);
  });
  return out;
}

/**
 * Checks a location input against the stored row (undefined: a new one) without touching anything;
 * markets are checked by the caller (they need the catalog). Fields are named `prefix` + the input's.
 */
export function validateLocation(input: LocationInput, before: LocationRow | undefined, at: string, prefix = ''): { row: LocationRow | null; markets: string[]; errors: UserError[] } {
  const errors: UserError[] = [];
  const f = (name: string) => `${prefix}${name}`;
  const code = typeof input.code === 'string' ? input.code.trim() : '';
  if (!LOCATION_CODE_PATTERN.test(code)) {
    errors.push(userError('INVALID_LOCATION_CODE', `"${String(input.code).slice(0, 70)}" is not a location code (lower-case letters, digits and -, 1 to 64).`, f('code')));
  }
  const given = (field: keyof LocationInput) => {
    const present = input[field] !== undefined && input[field] !== null;
    if (!before && !present && field !== 'address' && field !== 'channels') errors.push(userError('MISSING_FIELD', `A new location needs ${field}.`, f(field)));
    return present;
  };
  const old = before ? toLocation(before) : null;

  let name = old?.name ?? '';
  if (given('name')) {
    name = String(input.name).trim();
    if (!name || name.length > MAX_NAME_LENGTH) errors.push(userError('INVALID_NAME', `A location's name has 1 to ${MAX_NAME_LENGTH} characters.`, f('name')));
  }
  let kind: LocationKind = old?.kind ?? 'WAREHOUSE';
  if (given('kind')) {
    if (!KINDS.includes(input.kind as LocationKind)) errors.push(userError('INVALID_KIND', `kind is one of ${KINDS.join(', ')}.`, f('kind')));
    else kind = input.kind as LocationKind;
  }
  let markets = old?.markets ?? [];
  if (given('markets')) markets = list(input.markets, f('markets'), 'MARKET_UNKNOWN', /^[A-Z]{2}[A-Z0-9_-]{0,14}$/, 'a market code', errors);
  let channels = old?.channels ?? [];
  if (given('channels')) channels = list(input.channels, f('channels'), 'INVALID_CHANNEL', CHANNEL_PATTERN, 'a channel code (e.g. pos, kiosk)', errors);
  let address = before?.address ?? null;
  if (given('address')) {
    const a = input.address as { type?: unknown; data?: unknown };
    const json = typeof a === 'object' && !Array.isArray(a) ? JSON.stringify({ type: a.type, data: a.data ?? null }) : '';
    if (typeof a !== 'object' || Array.isArray(a) || typeof a.type !== 'string' || !TYPE_PATTERN.test(a.type)) {
      errors.push(userError('INVALID_ADDRESS', 'The address is a typed value: { "type": "address/v1", "data": { … } }.', f('address')));
    } else if (Buffer.byteLength(json) > MAX_ADDRESS_BYTES) {
      errors.push(userError('INVALID_ADDRESS', `The address is larger than ${MAX_ADDRESS_BYTES} bytes.`, f('address')));
    } else {
      address = json;
    }
  }
  if (errors.length) return { row: null, markets, errors };
  return {
    row: { id: code, name, type: kind === 'WAREHOUSE' ? 'WAREHOUSE' : 'STORE', kind, markets: JSON.stringify(markets), address, channels: JSON.stringify(channels), updated_at: at },
    markets,
    errors,
  };
}

/** Creating and changing locations (operations). */
export class LocationService {
  constructor(
    private readonly repo: InventoryRepository,
    private readonly clock: Clock,
    private readonly marketExists: MarketExists,
  ) {}

  async upsert(input: LocationInput, prefix = ''): Promise<LocationRecord> {
    const before = typeof input.code === 'string' ? await this.repo.location(input.code.trim()) : undefined;
    const { row, markets, errors } = validateLocation(input, before, this.clock.now().toISOString(), prefix);
    if (row) {
      let known: boolean[];
      try {
        known = await Promise.all(markets.map((m) => this.marketExists(m)));
      } catch {
        throw new UserErrorException(userError('MARKETS_UNAVAILABLE', 'The catalog could not be asked whether these markets exist; nothing was changed. Try again.', `${prefix}markets`));
      }
      markets.forEach((m, i) => {
        if (!known[i]) errors.push(userError('MARKET_UNKNOWN', `Unknown market ${m}.`, `${prefix}markets[${i}]`));
      });
    }
    if (errors.length || !row) throw new UserErrorException(errors);
    await this.repo.upsertLocation(row);
    return toLocation(row);
  }
}
