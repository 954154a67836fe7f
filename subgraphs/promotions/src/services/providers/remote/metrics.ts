import type { Metrics } from '../../../../../../common/metrics.ts';

/** Figures of the remote engines' adapters: retries by HTTP status, and vendor effects we do not understand. */
export function remoteMetrics(metrics: Metrics) {
  const unknown = metrics.counter('promotions_remote_unknown_effects_total', 'Effects of a remote promotion engine that the adapter does not understand (ignored)', ['provider', 'effect']);
  const retries = metrics.counter('promotions_remote_retries_total', 'Retried calls to a remote promotion engine, by HTTP status (0: no answer)', ['provider', 'status']);
  return {
    unknownEffect(provider: string, effect: string) {
      unknown.inc({ provider, effect });
    },
    retried(provider: string, status: number) {
      retries.inc({ provider, status: String(status) });
    },
  };
}

export type RemoteMetrics = ReturnType<typeof remoteMetrics>;
