import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AUDIENCE, DEMO_ISSUER, generateDemoIssuerKeys, mintCustomerToken, type DemoIssuerKeys } from '../gateway/demoIssuer.ts';
import { KEYS, startTestGraph, type TestGraph } from './support/graph.ts';

/** The identity system's keys fetched from its JWKS endpoint (CUSTOMER_JWKS_URL). */
let g: TestGraph;
let jwks: Server;
let keys: DemoIssuerKeys;

beforeAll(async () => {
  keys = await generateDemoIssuerKeys();
  jwks = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [keys.publicJwk] }));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
  g = await startTestGraph({ gatewayOverrides: { customerAuth: { jwksUrl, issuer: DEMO_ISSUER, audience: DEMO_AUDIENCE } } });
});
afterAll(async () => {
  await g?.stop();
  await new Promise((resolve) => jwks?.close(resolve));
});

describe('customer tokens verified against a JWKS URL', () => {
  it('accepts a token of the identity system, refuses one signed by another key', async () => {
    const CREATE = 'mutation { createCart(input: { market: "DE" }) { cart { customerId } } }';
    const ok = await g.gql(CREATE, {}, KEYS.web, { 'x-customer-token': await mintCustomerToken(keys, 'cus-jwks') });
    expect(ok.data.createCart.cart.customerId).toBe('cus-jwks');
    const stranger = await mintCustomerToken(await generateDemoIssuerKeys(), 'cus-jwks');
    const refused = await g.gql(CREATE, {}, KEYS.web, { 'x-customer-token': stranger });
    expect(refused.status).toBe(401);
    expect(refused.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
