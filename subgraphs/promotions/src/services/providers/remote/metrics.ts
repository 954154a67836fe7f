import type { Metrics } from '../../../../../../common/metrics.ts';

/** Figures of the remote engines' adapters: retries by HTTP status, and vendor effects we do not understand. */
export function remoteMetrics(metrics: Metrics) {
  const unknown = metrics.counter('promotions_remote_unknown_effects_total', 'Effects of a remote promotion engine that the adapter does not understand (ignored)', ['provider', 'effect']);
  const retries = metrics.counter('promotions_remote_retries_total', 'Retried calls to a remote promotion engine, by HTTP status (0: no answer)', ['provider', 'status']);
  const syncs = metrics.counter(
    'promotions_remote_cart_syncs_total',
    'Evaluations of a vendor-side cart: written (our cart changed), unchanged (answered from the last sync, no vendor call), created',
    ['provider', 'outcome'],
  );
  return {
    unknownEffect(provider: string, effect: string) {
      unknown.inc({ provider, effect });
    },
    retried(provider: string, status: number) {
      retries.inc({ provider, status: String(status) });
    },
    cartSync(provider: string, outcome: 'created' | 'written' | 'unchanged') {
      syncs.inc({ provider, outcome });
    },
  };
}

export type RemoteMetrics = ReturnType<typeof remoteMetrics>;
