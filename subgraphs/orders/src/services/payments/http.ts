import { formatMinor } from '../../../../../common/money.ts';
import { PaymentUnavailableError, type CaptureRequest, type PaymentOutcome, type PaymentProvider, type RefundRequest } from './provider.ts';

export interface HttpPaymentSettings {
  /** base URL of the PSP's API: refunds are POSTed to `<url>/refunds`, captures to `<url>/captures` */
  url: string;
  /** sent as `Authorization: Bearer …` */
  apiKey: string;
  /** per attempt, ms */
  timeoutMs: number;
  /** attempts per call (timeouts, 429, 5xx and network errors are retried with the same idempotency key) */
  maxAttempts: number;
  /** backoff base between attempts, ms (doubled each time) */
  retryBaseMs: number;
}

export const DEFAULT_HTTP_PAYMENT_SETTINGS = { timeoutMs: 5000, maxAttempts: 3, retryBaseMs: 200 };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A PSP reached over HTTP with JSON (docs/payments.md): `POST /refunds` or `/captures` with an
 * `Idempotency-Key` header and `{ orderId, paymentReference, amount, currencyCode }`.
 * 2xx `{ id, status: "succeeded" }` → SUCCEEDED; 402 or 422 (or `status: "refused"`) → REFUSED with
 * the provider's reason; 409 (the same key is still being processed), 429, 5xx, timeouts and
 * network errors are retried with the same key and end in PaymentUnavailableError.
 */
export class HttpPaymentProvider implements PaymentProvider {
  readonly name = 'http';

  constructor(private readonly settings: HttpPaymentSettings) {}

  refund(request: RefundRequest): Promise<PaymentOutcome> {
    return this.call('refunds', request.idempotencyKey, {
      orderId: request.orderId,
      paymentReference: request.paymentReference,
      amount: formatMinor(request.amountMinor, request.currencyCode),
      currencyCode: request.currencyCode,
    });
  }

  capture(request: CaptureRequest): Promise<PaymentOutcome> {
    return this.call('captures', request.idempotencyKey, {
      orderId: request.orderId,
      paymentReference: request.paymentReference,
      amount: formatMinor(request.amountMinor, request.currencyCode),
      currencyCode: request.currencyCode,
    });
  }

  private async call(path: string, idempotencyKey: string, body: Record<string, unknown>): Promise<PaymentOutcome> {
    const { url, apiKey, timeoutMs, maxAttempts, retryBaseMs } = this.settings;
    let last = 'no attempt made';
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (attempt > 1) await sleep(retryBaseMs * 2 ** (attempt - 2));
      let res: Response;
      try {
        res = await fetch(`${url.replace(/\/+$/, '')}/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}`, 'idempotency-key': idempotencyKey },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (e) {
        last = (e as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `network error: ${(e as Error).message}`;
        continue;
      }
      const answer = (await res.json().catch(() => null)) as { id?: unknown; status?: unknown; reason?: unknown } | null;
      if (res.status === 402 || res.status === 422 || (res.ok && answer?.status === 'refused')) {
        const reason = typeof answer?.reason === 'string' && answer.reason ? answer.reason.slice(0, 200) : `refused (HTTP ${res.status})`;
        return { status: 'REFUSED', reason };
      }
      if (res.ok && answer?.status === 'succeeded' && typeof answer.id === 'string' && answer.id) {
        return { status: 'SUCCEEDED', providerReference: answer.id.slice(0, 200) };
      }
      last = res.ok ? 'unreadable answer' : `HTTP ${res.status}`;
      // 409: the same key is still being processed there; 429/5xx: try again; other 4xx: our request is wrong
      if (!res.ok && res.status !== 409 && res.status !== 429 && res.status < 500) break;
    }
    throw new PaymentUnavailableError(this.name, last);
  }
}
