import { GraphQLError } from 'graphql';
import { forbidden } from '../../../../common/errors.ts';
import { isServiceCall, type Identity } from '../../../../common/identity.ts';
import { PreviewReadOnlyError } from '../services/errors.ts';

export function previewReadOnly(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'PREVIEW_READ_ONLY' } });
}

/** Runs a mutation's service call; a write attempted in preview ends the request with PREVIEW_READ_ONLY. */
export async function writing<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof PreviewReadOnlyError) throw previewReadOnly(e.message);
    throw e;
  }
}

/** Reservations are internal: only other services (the orders saga) may use them. */
export function requireService(identity: Identity): void {
  if (!isServiceCall(identity)) throw forbidden('Reservations are internal to the services.');
}
