import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PaymentSimulator } from '../../../../../test/fixtures/payment-simulator.ts';
import { HttpPaymentProvider } from './http.ts';
import { PaymentUnavailableError } from './provider.ts';

let sim: PaymentSimulator;
let provider: HttpPaymentProvider;

beforeAll(async () => {
  sim = new PaymentSimulator();
  const url = await sim.start();
  provider = new HttpPaymentProvider({ url, apiKey: 'test-psp-key', timeoutMs: 300, maxAttempts: 3, retryBaseMs: 1 });
});
afterAll(async () => {
  await sim.stop();
});

const refund = (key: string, reference: string, minor: number, currencyCode = 'EUR') => ({ idempotencyKey: key, orderId: 'o-1', paymentReference: reference, amountMinor: minor, currencyCode });

describe('HttpPaymentProvider against the local payment simulator', () => {
  it('refunds with the idempotency key and the amount as a decimal string (whole yen in JPY)', async () => {
    const eur = await provider.refund(refund('k-eur', 'psp-1', 1234));
    const jpy = await provider.refund(refund('k-jpy', 'psp-2', 1500, 'JPY'));
    expect(eur.status).toBe('SUCCEEDED');
    expect(jpy.status).toBe('SUCCEEDED');
    expect(sim.refunds.find((r) => r.key === 'k-eur')).toMatchObject({ amount: '12.34', currencyCode: 'EUR', paymentReference: 'psp-1' });
    expect(sim.refunds.find((r) => r.key === 'k-jpy')).toMatchObject({ amount: '1500', currencyCode: 'JPY' });
  });

  it('retries a 5xx with the same key and pays once', async () => {
    sim.server.fail({ status: 503, times: 2, path: /refunds/ });
    const outcome = await provider.refund(refund('k-retry', 'psp-3', 500));
    expect(outcome.status).toBe('SUCCEEDED');
    const attempts = sim.server.requests.filter((r) => r.headers['idempotency-key'] === 'k-retry');
    expect(attempts.map((r) => r.status)).toEqual([503, 503, 201]);
    expect(sim.refunds.filter((r) => r.key === 'k-retry')).toHaveLength(1);
  });

  it('a timeout on every attempt leaves the outcome unknown; the same key later pays once', async () => {
    sim.server.fail({ status: 0, delayMs: 1000, times: 3, path: /refunds/ });
    await expect(provider.refund(refund('k-slow', 'psp-4', 700))).rejects.toBeInstanceOf(PaymentUnavailableError);
    // the slow answers were processed by the provider meanwhile: the retry gets the stored answer
    const again = await provider.refund(refund('k-slow', 'psp-4', 700));
    expect(again.status).toBe('SUCCEEDED');
    expect(sim.refunds.filter((r) => r.key === 'k-slow')).toHaveLength(1);
  });

  it('a refused refund is REFUSED with the provider reason, not retried', async () => {
    sim.refusing.add('psp-closed');
    const outcome = await provider.refund(refund('k-refused', 'psp-closed', 100));
    expect(outcome).toEqual({ status: 'REFUSED', reason: 'card account closed' });
    expect(sim.server.requests.filter((r) => r.headers['idempotency-key'] === 'k-refused')).toHaveLength(1);
    sim.paid('psp-small', 1000);
    expect((await provider.refund(refund('k-over', 'psp-small', 1001))).status).toBe('REFUSED');
  });

  it('captures through the same protocol', async () => {
    const outcome = await provider.capture({ idempotencyKey: 'cap-1', orderId: 'o-2', paymentReference: 'auth-1', amountMinor: 4999, currencyCode: 'EUR' });
    expect(outcome.status).toBe('SUCCEEDED');
    expect(sim.captures).toEqual([{ key: 'cap-1', paymentReference: 'auth-1', amount: '49.99' }]);
  });

  it('a wrong API key is not a refusal: the outcome stays unknown (retried later)', async () => {
    const wrong = new HttpPaymentProvider({ url: sim.server.url, apiKey: 'nope', timeoutMs: 300, maxAttempts: 2, retryBaseMs: 1 });
    await expect(wrong.refund(refund('k-auth', 'psp-5', 100))).rejects.toThrow(/HTTP 401/);
  });
});
