import { GraphQLError } from 'graphql';
import { badInput, forbidden } from '../../../../common/errors.ts';
import { hasScope, isServiceCall, type Scope } from '../../../../common/identity.ts';
import type { PromotionsContext } from '../context.ts';
import { InvalidCartError } from '../services/cart.ts';

/** Checks shared by the resolvers: scopes, read-only previews, bad cart representations. */
export function requireScope(ctx: PromotionsContext, scope: Scope, what: string): void {
  if (!hasScope(ctx.identity, scope)) throw forbidden(`${what} needs the ${scope} scope.`);
}

/** Any one of the scopes. */
export function requireAnyScope(ctx: PromotionsContext, scopes: Scope[], what: string): void {
  if (!scopes.some((s) => hasScope(ctx.identity, s))) throw forbidden(`${what} needs the ${scopes.join(' or ')} scope.`);
}

/** Internal operations: only other services (scope `service`). */
export function requireService(ctx: PromotionsContext): void {
  if (!isServiceCall(ctx.identity)) throw forbidden('This is an internal operation for services only.');
}

/** A preview shows a future instant and never writes. */
export function requireWritable(ctx: PromotionsContext): void {
  if (ctx.clock.preview) {
    throw new GraphQLError('A preview is read-only: nothing can be changed at a previewed instant.', { extensions: { code: 'PREVIEW_READ_ONLY' } });
  }
}

/** Runs fn; a representation that is not an evaluable cart becomes BAD_USER_INPUT. */
export async function withCart<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof InvalidCartError) throw badInput(e.message, 'cart');
    throw e;
  }
}
