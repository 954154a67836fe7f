import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';

/**
 * A stand-in for the shop's identity system, for `npm start` and tests only: an ES256 key pair kept in
 * the data directory, whose public half the gateway trusts, and a way to mint customer tokens with it
 * (`npm run customer-token -- <customer id>`).
 */
export const DEMO_ISSUER = 'commerce-graph-demo-issuer';
export const DEMO_AUDIENCE = 'commerce-graph';
const KID = 'demo-1';

export interface DemoIssuerKeys {
  privateJwk: JWK;
  publicJwk: JWK;
}

export async function generateDemoIssuerKeys(): Promise<DemoIssuerKeys> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return {
    privateJwk: { ...(await exportJWK(privateKey)), kid: KID, alg: 'ES256' },
    publicJwk: { ...(await exportJWK(publicKey)), kid: KID, alg: 'ES256', use: 'sig' },
  };
}

export const issuerFile = (dataDir: string) => join(dataDir, 'demo-customer-issuer.json');
export const jwksFile = (dataDir: string) => join(dataDir, 'demo-customer-jwks.json');

/** The data directory's demo issuer, created on first use; writes the public JWKS the gateway reads. */
export async function ensureDemoIssuer(dataDir: string): Promise<DemoIssuerKeys> {
  mkdirSync(dataDir, { recursive: true });
  const file = issuerFile(dataDir);
  const keys = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DemoIssuerKeys) : await generateDemoIssuerKeys();
  if (!existsSync(file)) writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  writeFileSync(jwksFile(dataDir), JSON.stringify({ keys: [keys.publicJwk] }));
  return keys;
}

/** A customer token as the identity system would issue it after sign-in. */
export async function mintCustomerToken(keys: DemoIssuerKeys, customerId: string, options: { expiresIn?: string; issuer?: string; audience?: string } = {}): Promise<string> {
  const key = await importJWK(keys.privateJwk, 'ES256');
  return new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid: keys.privateJwk.kid })
    .setSubject(customerId)
    .setIssuer(options.issuer ?? DEMO_ISSUER)
    .setAudience(options.audience ?? DEMO_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '1h')
    .sign(key);
}
