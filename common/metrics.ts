import type { ServerResponse } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** One Prometheus registry per process (never the library's global one), served at /metrics. */
export function createMetrics(service: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    counter: <L extends string>(name: string, help: string, labelNames: L[]) => new Counter<L>({ name, help, labelNames, registers: [registry] }),
    histogram: <L extends string>(name: string, help: string, labelNames: L[], buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]) =>
      new Histogram<L>({ name, help, labelNames, buckets, registers: [registry] }),
    /**
     * A gauge read when Prometheus scrapes (e.g. counted in the database): `read` returns the values
     * by label set. A failed read leaves the gauge empty for that scrape rather than failing /metrics.
     */
    gauge: <L extends string>(name: string, help: string, labelNames: L[], read: () => Promise<{ labels: Partial<Record<L, string>>; value: number }[]>) =>
      new Gauge<L>({
        name,
        help,
        labelNames,
        registers: [registry],
        async collect() {
          this.reset();
          const values = await read().catch(() => []);
          for (const v of values) this.set(v.labels, v.value);
        },
      }),
    route: async (_req: unknown, res: ServerResponse) => {
      res.writeHead(200, { 'content-type': registry.contentType });
      res.end(await registry.metrics());
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
