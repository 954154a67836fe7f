import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { unauthenticated } from '../common/errors.ts';

/**
 * Verified customers: a shopper who signed in sends the token the shop's identity system issued
 * (`x-customer-token: <JWT>`, beside the channel key). The gateway verifies it (signature against the
 * configured JWKS, issuer, audience, expiry) and forwards its subject inside the signed identity; no
 * API takes a customer id from the caller.
 */
export const CUSTOMER_TOKEN_HEADER = 'x-customer-token';

export interface CustomerAuthConfig {
  /** the identity system's JWKS endpoint */
  jwksUrl?: string;
  /** or the public keys themselves: a JWKS as JSON, or a file holding one */
  jwks?: string;
  jwksFile?: string;
  issuer: string;
  audience: string;
}

/** An opaque customer reference: 1 to 200 letters, digits and - _ . : | (no e-mail addresses). */
const CUSTOMER_ID = /^[A-Za-z0-9][A-Za-z0-9_.:|-]{0,199}$/;
const MAX_TOKEN_CHARS = 8192;

export class CustomerTokens {
  private constructor(
    private readonly keys: JWTVerifyGetKey,
    private readonly config: CustomerAuthConfig,
  ) {}

  static fromConfig(config: CustomerAuthConfig): CustomerTokens {
    if (config.jwksUrl) return new CustomerTokens(createRemoteJWKSet(new URL(config.jwksUrl), { timeoutDuration: 5000 }), config);
    const text = config.jwks ?? (config.jwksFile ? readFileSync(config.jwksFile, 'utf8') : undefined);
    if (!text) throw new Error('customer tokens need CUSTOMER_JWKS_URL, CUSTOMER_JWKS or CUSTOMER_JWKS_FILE');
    return new CustomerTokens(createLocalJWKSet(JSON.parse(text) as JSONWebKeySet), config);
  }

  /** The verified customer id (the token's subject), or UNAUTHENTICATED saying why not. */
  async verify(token: string): Promise<string> {
    if (token.length > MAX_TOKEN_CHARS) throw unauthenticated(`The customer token is longer than ${MAX_TOKEN_CHARS} characters.`);
    let sub: unknown;
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: ['ES256', 'RS256', 'EdDSA'],
        requiredClaims: ['exp', 'sub'],
      });
      sub = payload.sub;
    } catch (e) {
      const why = e instanceof joseErrors.JWTExpired ? 'it has expired'
        : e instanceof joseErrors.JWTClaimValidationFailed ? `its ${e.claim} claim is not accepted`
          : 'it is not signed by the shop\'s identity system';
      throw unauthenticated(`The customer token (${CUSTOMER_TOKEN_HEADER}) is not valid: ${why}.`);
    }
    if (typeof sub !== 'string' || !CUSTOMER_ID.test(sub)) throw unauthenticated('The customer token\'s subject is not an opaque customer id.');
    return sub;
  }
}
