import type { Metrics } from '../../../../common/metrics.ts';
import { TimeBudgetExceeded } from './providers/timeBudget.ts';

export type ProviderCall = 'evaluate' | 'redeem' | 'release' | 'return';

/**
 * Business figures of the promotions service: carts evaluated per market and engine, each engine's
 * latency and failures, and the shadow comparison (mismatch rate = mismatches / comparisons).
 */
export function promotionMetrics(metrics: Metrics) {
  const evaluated = metrics.counter('promotions_carts_evaluated_total', 'Carts evaluated, by market, provider and outcome (ok or unavailable)', ['market', 'provider', 'outcome']);
  const latency = metrics.histogram('promotions_provider_duration_seconds', 'Time of promotion provider calls', ['provider', 'call'], [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5]);
  const errors = metrics.counter('promotions_provider_errors_total', 'Provider calls that failed or exceeded their time budget', ['provider', 'call', 'kind']);
  const requested = metrics.counter(
    'promotions_evaluation_requests_total',
    'Evaluations asked for (the cart service for its warnings, the gateway for Cart.promotion/totals), by market and source: provider (a provider was called) or shared (the result of the same cart contents was reused)',
    ['market', 'source'],
  );
  const compared = metrics.counter('promotions_shadow_comparisons_total', 'Carts evaluated by a shadow provider and compared', ['market', 'provider', 'shadow']);
  const mismatches = metrics.counter('promotions_shadow_mismatches_total', 'Shadow comparisons that differed (per line, code status or total)', ['market', 'provider', 'shadow']);
  return {
    evaluated(market: string, provider: string, ok: boolean) {
      evaluated.inc({ market, provider, outcome: ok ? 'ok' : 'unavailable' });
    },
    /** An evaluation asked for: answered by a provider call or by a shared result. */
    evaluationRequested(market: string, shared: boolean) {
      requested.inc({ market, source: shared ? 'shared' : 'provider' });
    },
    /** Times a provider call; counts its failure by kind (timeout or error) and rethrows. */
    async timed<T>(provider: string, call: ProviderCall, fn: () => Promise<T>): Promise<T> {
      const end = latency.startTimer({ provider, call });
      try {
        return await fn();
      } catch (err) {
        errors.inc({ provider, call, kind: err instanceof TimeBudgetExceeded ? 'timeout' : 'error' });
        throw err;
      } finally {
        end();
      }
    },
    shadowCompared(market: string, provider: string, shadow: string, mismatch: boolean) {
      compared.inc({ market, provider, shadow });
      if (mismatch) mismatches.inc({ market, provider, shadow });
    },
  };
}

export type PromotionMetrics = ReturnType<typeof promotionMetrics>;
