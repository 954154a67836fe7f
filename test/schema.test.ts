import { readdirSync, readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { composeProject } from '../common/compose.ts';
import { buildContracts, CONTRACTS } from '../common/schemaCheck/contracts.ts';

describe('composed schema', () => {
  const composed = composeProject(process.cwd());

  it('committed schema/supergraph.graphql and schema/api.graphql are up to date (run npm run schema:compose)', () => {
    expect(readFileSync('schema/supergraph.graphql', 'utf8')).toBe(composed.supergraphSdl);
    expect(readFileSync('schema/api.graphql', 'utf8')).toBe(composed.apiSdl);
  });

  it('hides internal fields from the API schema', () => {
    for (const internal of ['markCartOrdered', 'reserveStock', 'commitReservation', 'redeemPromotions', 'discountCodeChecks']) {
      expect(composed.apiSdl).not.toContain(internal);
    }
  });

  const schema = buildSchema(readFileSync('schema/api.graphql', 'utf8'));
  const files = readdirSync('clients').filter((f) => f.endsWith('.graphql'));

  it('has the channel apps operations', () => {
    expect(files).toEqual(expect.arrayContaining(['storefront.graphql', 'pos.graphql', 'kiosk.graphql', 'ingame.graphql', 'marketing.graphql']));
  });

  it.each(files)('every operation in clients/%s validates against schema/api.graphql', (file) => {
    const errors = validate(schema, parse(readFileSync(`clients/${file}`, 'utf8')));
    expect(errors.map((e) => e.message)).toEqual([]);
  });
});

describe('channel contracts (schema/contracts/, from @tag in the subgraph SDL)', () => {
  const composed = composeProject(process.cwd());
  const contracts = buildContracts(composed.supergraphSdl, composed.apiSdl);

  it('are committed up to date (run npm run schema:compose)', () => {
    expect([...contracts.keys()].sort()).toEqual(['in-game', 'kiosk']);
    for (const [channel, sdl] of contracts) expect(readFileSync(`schema/contracts/${channel}.graphql`, 'utf8')).toBe(sdl);
  });

  it('leave out what the channel must not see', () => {
    const fieldsOf = (sdl: string) => {
      const schema = buildSchema(sdl);
      return new Set(Object.values(schema.getTypeMap()).flatMap((t) => ('getFields' in t ? Object.keys(t.getFields()).map((f) => `${t.name}.${f}`) : [])));
    };
    const api = fieldsOf(composed.apiSdl);
    const inGame = fieldsOf(contracts.get('in-game')!);
    const kiosk = fieldsOf(contracts.get('kiosk')!);
    for (const f of ['Cart.shippingAddress', 'Order.shippingAddress', 'Mutation.setShippingAddress', 'Query.promotionProviders', 'Query.campaigns', 'Mutation.createCampaign', 'Query.deadLetters', 'Mutation.importOrders', 'Mutation.setPrice']) {
      expect(api.has(f), f).toBe(true);
      expect(inGame.has(f), f).toBe(false);
    }
    expect(kiosk.has('Cart.shippingAddress')).toBe(true);
    for (const f of ['Query.promotionProviders', 'Query.campaigns', 'Mutation.adjustStock']) expect(kiosk.has(f), f).toBe(false);
    for (const f of ['Query.products', 'Mutation.createCart', 'Mutation.placeOrder', 'Cart.promotion', 'Cart.totals']) expect(inGame.has(f), f).toBe(true);
  });

  const channelApps = CONTRACTS.flatMap((c) => c.clients.map((file) => [c.channel, `clients/${file}`]));
  it.each(channelApps)('the %s contract serves every operation in %s', (channel, file) => {
    const contract = buildSchema(readFileSync(`schema/contracts/${channel}.graphql`, 'utf8'));
    expect(validate(contract, parse(readFileSync(file, 'utf8'))).map((e) => e.message)).toEqual([]);
  });
});
