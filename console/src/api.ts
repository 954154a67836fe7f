import type { TypedDocumentString } from './generated/graphql';
import { storedKey } from './session';

/**
 * GraphQL over HTTP to the gateway that serves the console, with the signed-in key as
 * `Authorization: Bearer`. A request-level error (no key, a missing scope, a limit) is thrown as an
 * ApiError with its code; expected failures come back as data (`userErrors`) for the screens to show.
 */
export class ApiError extends Error {
  constructor(message: string, readonly code: string, readonly status: number) {
    super(message);
    this.name = 'ApiError';
  }
}

export const GRAPHQL_PATH = '/graphql';

export interface RequestOptions {
  /** previews the graph at this instant (x-preview-at; keys with the preview scope) */
  previewAt?: string;
  key?: string;
}

function authHeaders(key: string | null): Record<string, string> {
  return key ? { authorization: `Bearer ${key}` } : {};
}

export async function gql<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  ...[variables, options]: TVariables extends Record<string, never> ? [variables?: TVariables, options?: RequestOptions] : [variables: TVariables, options?: RequestOptions]
): Promise<TResult> {
  const res = await fetch(GRAPHQL_PATH, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'apollographql-client-name': 'marketing-console',
      ...authHeaders(options?.key ?? storedKey()),
      ...(options?.previewAt ? { 'x-preview-at': options.previewAt } : {}),
    },
    body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
  });
  let body: { data?: TResult; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = await res.json();
  } catch {
    throw new ApiError(`The gateway answered ${res.status} without a GraphQL response.`, 'BAD_RESPONSE', res.status);
  }
  const first = body.errors?.[0];
  if (first) throw new ApiError(first.message, first.extensions?.code ?? 'ERROR', res.status);
  if (!body.data) throw new ApiError('The gateway answered without data.', 'BAD_RESPONSE', res.status);
  return body.data;
}

/**
 * Downloads a coupon batch's codes (GET /exports/coupons/<id>.<format>, the key in the Authorization
 * header) and hands the file to the browser as a download. Returns the file's name.
 */
export async function downloadCoupons(batchId: string, format: 'csv' | 'ndjson'): Promise<string> {
  const res = await fetch(`/exports/coupons/${encodeURIComponent(batchId)}.${format}`, { headers: authHeaders(storedKey()) });
  if (!res.ok) {
    const body = await res.json().catch(() => null) as { errors?: { message: string; extensions?: { code?: string } }[] } | null;
    const e = body?.errors?.[0];
    throw new ApiError(e?.message ?? `The download failed (${res.status}).`, e?.extensions?.code ?? 'DOWNLOAD_FAILED', res.status);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `coupons-${batchId}.${format}`;
  const url = URL.createObjectURL(await res.blob());
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
  return name;
}
