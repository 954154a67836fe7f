import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import TalonOne from 'talon_one';
import type { TalonConfig } from '../remote/config.ts';
import { currentSignal, parseRetryAfter, RemoteCallError } from '../remote/call.ts';

/** The Integration API calls the adapter uses, through the official SDK (one API client per Application). */
export interface TalonSessionApi {
  /** PUT /v2/customer_sessions/{id}: the integration state (effects, coupons …) as the SDK deserialises it */
  updateCustomerSession(sessionId: string, body: TalonIntegrationRequest, dry: boolean): Promise<TalonIntegrationState>;
  /** POST /v2/customer_sessions/{id}/returns: items of a closed session returned (the session becomes partially_returned) */
  returnCartItems(sessionId: string, body: TalonReturnRequest): Promise<TalonIntegrationState>;
}

/** ReturnIntegrationRequest: cart items by their position in the closed session's cartItems; no quantity = the whole item. */
export interface TalonReturnRequest {
  return: { returnedCartItems: { position: number; quantity?: number }[] };
}

export interface TalonCartItem {
  name: string;
  sku: string;
  quantity: number;
  price: number;
  category?: string;
}

export interface TalonIntegrationRequest {
  customerSession: {
    profileId?: string;
    couponCodes?: string[];
    cartItems?: TalonCartItem[];
    /** session custom identifiers (unique identifier budgets count them when the session closes) */
    identifiers?: string[];
    state?: 'open' | 'closed' | 'cancelled';
  };
  responseContent?: string[];
}

export interface TalonEffect {
  campaignId: number;
  rulesetId?: number;
  ruleIndex?: number;
  ruleName?: string;
  effectType: string;
  triggeredByCoupon?: number;
  props: Record<string, unknown>;
}

export interface TalonRuleFailure {
  campaignID?: number;
  campaignName?: string;
  couponValue?: string;
  ruleName?: string;
  conditionIndex?: number;
  details?: string;
}

export interface TalonIntegrationState {
  effects?: TalonEffect[];
  ruleFailureReasons?: TalonRuleFailure[];
  customerSession?: { integrationId?: string; state?: string };
}

/** The SDK rejects with a plain object: { status, body, response, error }. */
function toRemoteError(err: unknown): RemoteCallError {
  if (err instanceof RemoteCallError) return err;
  const e = (err ?? {}) as { status?: number; body?: any; response?: { headers?: Record<string, string> }; error?: { message?: string; code?: string; timeout?: number }; message?: string };
  const status = typeof e.status === 'number' ? e.status : 0;
  const body = e.body ?? null;
  const message =
    (body && typeof body === 'object' && (body.message || body.errors?.[0]?.title)) ||
    (e.error?.timeout ? `timed out after ${e.error.timeout} ms` : e.error?.message) ||
    e.message ||
    'request failed';
  const retryAfter = parseRetryAfter(e.response?.headers?.['retry-after'], Date.now());
  return new RemoteCallError('talon', status, String(message), e.error?.code ?? null, retryAfter, body && typeof body === 'object' ? body : null);
}

/** A superagent plugin: aborts the request when the current provider call's signal fires. */
function abortPlugin(request: { abort(): void; on(event: string, fn: () => void): void }): void {
  const signal = currentSignal();
  if (!signal) return;
  // a block body: superagent's abort() returns the request, a thenable that EventTarget would await (and resend)
  const onAbort = () => {
    request.abort();
  };
  if (signal.aborted) onAbort();
  else {
    signal.addEventListener('abort', onAbort, { once: true });
    request.on('end', () => signal.removeEventListener('abort', onAbort));
  }
}

/** Keep-alive API clients of the configured Applications, one per market. */
export class TalonClients {
  private readonly agent: HttpAgent;
  private readonly apis = new Map<string, TalonSessionApi>();

  constructor(config: TalonConfig) {
    const https = config.baseUrl.startsWith('https:');
    this.agent = https ? new HttpsAgent({ keepAlive: true, maxSockets: config.maxSockets }) : new HttpAgent({ keepAlive: true, maxSockets: config.maxSockets });
    for (const [market, app] of Object.entries(config.applications)) {
      const client = new TalonOne.ApiClient();
      client.basePath = config.baseUrl.replace(/\/+$/, '');
      client.timeout = config.timeoutMs;
      client.requestAgent = this.agent;
      client.plugins = [abortPlugin];
      const auth = (client.authentications as unknown as Record<string, { apiKey?: string; apiKeyPrefix?: string }>).api_key_v1;
      auth.apiKey = app.apiKey;
      auth.apiKeyPrefix = 'ApiKey-v1';
      const api = new TalonOne.IntegrationApi(client);
      this.apis.set(market, {
        async updateCustomerSession(sessionId, body, dry) {
          const request = TalonOne.IntegrationRequest.constructFromObject(body, undefined);
          try {
            return (await api.updateCustomerSessionV2(sessionId, request, { dry })) as TalonIntegrationState;
          } catch (err) {
            throw toRemoteError(err);
          }
        },
        async returnCartItems(sessionId, body) {
          // the SDK version in use predates the returns endpoint: the same client (auth, agent, timeout, abort) calls it
          try {
            const answer = (await (client as unknown as { callApi: (...args: unknown[]) => Promise<{ data: unknown }> }).callApi(
              '/v2/customer_sessions/{customerSessionId}/returns', 'POST', { customerSessionId: sessionId }, {}, {}, {}, body, ['api_key_v1'], ['application/json'], ['application/json'], Object, null,
            ));
            return (answer.data ?? {}) as TalonIntegrationState;
          } catch (err) {
            throw toRemoteError(err);
          }
        },
      });
    }
  }

  forMarket(market: string): TalonSessionApi | undefined {
    return this.apis.get(market);
  }

  markets(): string[] {
    return [...this.apis.keys()];
  }

  /** Idempotent. */
  close(): void {
    this.agent.destroy();
  }
}
