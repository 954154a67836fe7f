import { Agent, request } from 'undici';
import { z } from 'zod';
import { formatMinor, MoneyError, parseMinor } from '../../../../../common/money.ts';
import type { TaxAnswer, TaxProvider } from './taxProvider.ts';
import { formatRate, type TaxedLine, type TaxRequest } from './tax.ts';

/**
 * A remote tax service (Avalara-, TaxJar-style) behind one small HTTP interface:
 *
 *   POST <url>  { market, currencyCode, pricesIncludeTax, destination: { country, region, postalCode },
 *                 lines: [{ id, kind: ITEM|SHIPPING, sku, category, amount: "12.34" }] }
 *   200         { lines: [{ id, rate: "8.875", name, tax: "1.10" }] }     every line once
 *   422         { error: "UNKNOWN_DESTINATION", message }                 no rate for the destination
 *
 * Each call has its own timeout (and the caller's time budget aborts it too). Anything else — an
 * HTTP error, a timeout, an answer that misses a line, names one twice, or taxes more than the
 * line — is a failure: the cart's tax is UNAVAILABLE and orders are refused, never charged wrong tax.
 */
export interface RemoteTaxConfig {
  name: string;
  url: string;
  timeoutMs: number;
  /** sent as `authorization: Bearer <token>` when set; never logged */
  token?: string;
}

const answerSchema = z.object({
  lines: z.array(z.object({ id: z.string(), rate: z.string(), name: z.string().min(1).max(100), tax: z.string() })).max(10_000),
});
const refusalSchema = z.object({ error: z.literal('UNKNOWN_DESTINATION'), message: z.string().max(500).optional() });

export class RemoteTaxError extends Error {
  constructor(provider: string, message: string) {
    super(`tax provider ${provider}: ${message}`);
    this.name = 'RemoteTaxError';
  }
}

export class RemoteTaxProvider implements TaxProvider {
  readonly name: string;
  private readonly agent: Agent;

  constructor(private readonly config: RemoteTaxConfig) {
    this.name = config.name;
    this.agent = new Agent({ connections: 32, keepAliveTimeout: 10_000 });
  }

  async calculate(req: TaxRequest, signal: AbortSignal): Promise<TaxAnswer> {
    const body = {
      market: req.market,
      currencyCode: req.currencyCode,
      pricesIncludeTax: req.pricesIncludeTax,
      destination: req.destination,
      lines: req.lines.map((l) => ({ id: l.id, kind: l.kind, sku: l.sku, category: l.category, amount: formatMinor(l.amountMinor, req.currencyCode) })),
    };
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.config.token) headers.authorization = `Bearer ${this.config.token}`;
    let status: number;
    let json: unknown;
    try {
      const res = await request(this.config.url, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        dispatcher: this.agent,
        signal: AbortSignal.any([signal, AbortSignal.timeout(this.config.timeoutMs)]),
      });
      status = res.statusCode;
      const text = await res.body.text();
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
    } catch (e) {
      throw new RemoteTaxError(this.name, `no answer (${(e as Error).name === 'TimeoutError' || signal.aborted ? 'timeout' : (e as Error).message})`);
    }
    if (status === 422) {
      const refusal = refusalSchema.safeParse(json);
      if (refusal.success) return { ok: false, reason: 'UNKNOWN_DESTINATION', message: refusal.data.message ?? 'The tax service knows no rate for this destination.' };
    }
    if (status !== 200) throw new RemoteTaxError(this.name, `HTTP ${status}`);
    const parsed = answerSchema.safeParse(json);
    if (!parsed.success) throw new RemoteTaxError(this.name, 'malformed answer');
    return { ok: true, lines: this.check(req, parsed.data.lines) };
  }

  /** Every requested line exactly once, with a valid rate and a tax in [0, amount]. */
  private check(req: TaxRequest, answered: z.infer<typeof answerSchema>['lines']): TaxedLine[] {
    const byId = new Map<string, (typeof answered)[number]>();
    for (const a of answered) {
      if (byId.has(a.id)) throw new RemoteTaxError(this.name, `line ${a.id} answered twice`);
      byId.set(a.id, a);
    }
    if (byId.size !== req.lines.length) throw new RemoteTaxError(this.name, 'the answer does not cover exactly the lines asked');
    return req.lines.map((line) => {
      const a = byId.get(line.id);
      if (!a) throw new RemoteTaxError(this.name, `line ${line.id} missing`);
      let rate: string;
      let taxMinor: number;
      try {
        rate = formatRate(a.rate);
        taxMinor = parseMinor(a.tax, req.currencyCode);
      } catch (e) {
        throw new RemoteTaxError(this.name, `line ${line.id}: ${(e as MoneyError).message}`);
      }
      if (taxMinor < 0 || taxMinor > line.amountMinor) throw new RemoteTaxError(this.name, `line ${line.id}: tax ${a.tax} outside 0…${formatMinor(line.amountMinor, req.currencyCode)}`);
      return { id: line.id, kind: line.kind, rate, name: a.name, taxableMinor: line.amountMinor, taxMinor };
    });
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
