import { createApiBuilderFromCtpClient, type ByProjectKeyRequestBuilder } from '@commercetools/platform-sdk';
import { ClientBuilder } from '@commercetools/ts-client';
import { Agent, fetch as undiciFetch } from 'undici';
import type { CommercetoolsConfig } from '../remote/config.ts';
import { currentSignal, parseRetryAfter, RemoteCallError } from '../remote/call.ts';

/**
 * The commercetools project through the official SDK (platform-sdk request builders over a ts-client
 * with the client credentials flow). Transport: undici keep-alive sockets, a per-request timeout, and
 * the current provider call's abort signal. The SDK's own retries are off: the adapter's retry policy
 * (429 with Retry-After, 5xx) and its 409 handling apply instead.
 */
export function createCommercetoolsApi(config: CommercetoolsConfig): { api: ByProjectKeyRequestBuilder; close(): Promise<void> } {
  const agent = new Agent({ connections: config.maxSockets, keepAliveTimeout: 10_000 });
  const httpClient = (url: string, init: { method?: string; headers?: Record<string, string>; body?: string }) => {
    const signals = [AbortSignal.timeout(config.timeoutMs)];
    const call = currentSignal();
    if (call) signals.push(call);
    return undiciFetch(url, { method: init.method, headers: init.headers, body: init.body, dispatcher: agent, signal: AbortSignal.any(signals) });
  };
  const client = new ClientBuilder()
    .withProjectKey(config.projectKey)
    .withClientCredentialsFlow({
      host: config.authUrl,
      projectKey: config.projectKey,
      credentials: { clientId: config.clientId, clientSecret: config.clientSecret },
      ...(config.scopes.length ? { scopes: config.scopes } : {}),
      httpClient,
    })
    .withHttpMiddleware({
      host: config.apiUrl,
      httpClient,
      enableRetry: false,
      includeResponseHeaders: true,
      includeRequestInErrorResponse: false,
      maskSensitiveHeaderData: true,
    })
    .build();
  const api = createApiBuilderFromCtpClient(client).withProjectKey({ projectKey: config.projectKey });
  let closed = false;
  return {
    api,
    async close() {
      if (closed) return;
      closed = true;
      await agent.close();
    },
  };
}

/** The SDK rejects with an HttpErrorType (statusCode, code, message, headers, body); network errors have status 0. */
export function toRemoteError(err: unknown): RemoteCallError {
  if (err instanceof RemoteCallError) return err;
  const e = (err ?? {}) as { statusCode?: unknown; code?: unknown; message?: unknown; headers?: Record<string, unknown>; body?: any; error?: any; name?: string };
  const status = typeof e.statusCode === 'number' && e.statusCode >= 100 ? e.statusCode : 0;
  const body = e.body && typeof e.body === 'object' && !(e.body instanceof Error) ? e.body : null;
  const code = (body?.errors?.[0]?.code as string | undefined) ?? (typeof e.code === 'string' ? e.code : null);
  const message = String(body?.message ?? e.message ?? e.name ?? 'request failed');
  const retryAfter = parseRetryAfter(e.headers?.['retry-after'], Date.now());
  return new RemoteCallError('commercetools', status, message, code, retryAfter, body);
}

/** Executes an SDK request, turning its failures into RemoteCallError. */
export async function execute<T>(request: { execute(): Promise<{ body: T }> }): Promise<T> {
  try {
    return (await request.execute()).body;
  } catch (err) {
    throw toRemoteError(err);
  }
}
