import { GraphQLError } from 'graphql';

/** An expected failure, returned as data in a payload's `userErrors`. */
export interface UserError {
  code: string;
  field?: string | null;
  message: string;
}

export function userError(code: string, message: string, field?: string): UserError {
  return { code, message, field: field ?? null };
}

/** Thrown by services for expected failures; resolvers turn it into `userErrors`. */
export class UserErrorException extends Error {
  readonly errors: UserError[];
  constructor(errors: UserError | UserError[]) {
    const list = Array.isArray(errors) ? errors : [errors];
    super(list.map((e) => e.message).join('; '));
    this.errors = list;
  }
}

/** Exceptions that end the request: auth, bad input, infrastructure. */
export function unauthenticated(message = 'A valid API key is required.'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

export function forbidden(message = 'This key may not perform this operation.'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
}

export function badInput(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field } });
}

/** A write attempted while previewing a future instant (x-preview-at). */
export function previewReadOnly(message = 'A preview is read-only: nothing can be changed at a previewed instant.'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'PREVIEW_READ_ONLY' } });
}

export function unavailable(message: string, retryable = true): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'SERVICE_UNAVAILABLE', retryable } });
}

/** Runs a service call and maps UserErrorException into `{ userErrors }` with the payload's other fields null. */
export async function withUserErrors<T extends object>(
  fn: () => Promise<T>,
  empty: { [K in keyof T]: null },
): Promise<{ [K in keyof T]: T[K] | null } & { userErrors: UserError[] }> {
  try {
    const value = await fn();
    return { ...value, userErrors: [] };
  } catch (e) {
    if (e instanceof UserErrorException) return { ...empty, userErrors: e.errors };
    throw e;
  }
}
