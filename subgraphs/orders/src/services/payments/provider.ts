/**
 * A payment service provider (PSP) behind one small interface, like the promotion engines: refunds
 * (and captures, for channels that authorise first) keyed by an idempotency key, so a retry after a
 * timeout never pays twice.
 */

export interface RefundRequest {
  /** sent as the provider's idempotency key: the same key again never pays twice */
  idempotencyKey: string;
  orderId: string;
  /** the payment being refunded (the reference given to placeOrder); null for an order paid without one */
  paymentReference: string | null;
  amountMinor: number;
  currencyCode: string;
}

export interface CaptureRequest {
  idempotencyKey: string;
  orderId: string;
  paymentReference: string;
  amountMinor: number;
  currencyCode: string;
}

/** What the provider decided. A refused refund stays visible on the order and may be retried by an operator. */
export type PaymentOutcome = { status: 'SUCCEEDED'; providerReference: string } | { status: 'REFUSED'; reason: string };

/**
 * The provider could not be reached or did not answer in time, even after retries: the outcome is
 * unknown. The request is repeated later with the same idempotency key.
 */
export class PaymentUnavailableError extends Error {
  constructor(
    readonly provider: string,
    message: string,
  ) {
    super(`payment provider ${provider}: ${message}`);
    this.name = 'PaymentUnavailableError';
  }
}

export interface PaymentProvider {
  readonly name: string;
  refund(request: RefundRequest): Promise<PaymentOutcome>;
  /** Captures an authorised payment (channels that authorise at checkout and capture on fulfilment). */
  capture(request: CaptureRequest): Promise<PaymentOutcome>;
  close?(): Promise<void>;
}

/**
 * The default without a configured PSP: refunds are recorded as paid out by the merchant (cash at
 * the till, or through the PSP's own console) and reconciled against the settlement file like any
 * other refund. Its reference is derived from the idempotency key, so it is stable across retries.
 */
export class ManualPaymentProvider implements PaymentProvider {
  readonly name = 'manual';

  async refund(request: RefundRequest): Promise<PaymentOutcome> {
    return { status: 'SUCCEEDED', providerReference: `manual:${request.idempotencyKey}` };
  }

  async capture(request: CaptureRequest): Promise<PaymentOutcome> {
    return { status: 'SUCCEEDED', providerReference: `manual:${request.idempotencyKey}` };
  }
}
