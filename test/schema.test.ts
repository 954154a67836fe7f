import { readdirSync, readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { composeProject } from '../common/compose.ts';

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
