import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for a remote tax service speaking the remote tax interface
 * (subgraphs/promotions/src/services/charges/remoteTax.ts), on 127.0.0.1 and a free port. It taxes
 * every line at the rate of its destination's region (its own little table), half-even, and can be
 * switched to misbehave: hang, fail, leave a line out, overcharge, or know no destination.
 */
export type SimulatorMode = 'ok' | 'hang' | 'error' | 'missing-line' | 'overcharge' | 'unknown-destination' | 'garbage';

export interface TaxSimulator {
  url: string;
  mode: SimulatorMode;
  requests: any[];
  close(): Promise<void>;
}

const RATES: Record<string, string> = { NY: '8.875', CA: '7.25', TX: '6.25' };

function minor(amount: string): bigint {
  const [w, f = ''] = amount.split('.');
  return BigInt(w + f.padEnd(2, '0'));
}

function format(m: bigint): string {
  const s = m.toString().padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

function tax(amount: string, rate: string): string {
  const [w, f = ''] = rate.split('.');
  const num = BigInt(w + f);
  const d = 100n * 10n ** BigInt(f.length);
  const n = minor(amount) * num;
  let q = n / d;
  const r2 = (n % d) * 2n;
  if (r2 > d || (r2 === d && q % 2n === 1n)) q += 1n;
  return format(q);
}

const body = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => resolve(text));
  });

export async function startTaxSimulator(mode: SimulatorMode = 'ok'): Promise<TaxSimulator> {
  const sockets = new Set<import('node:net').Socket>();
  const sim: TaxSimulator = { url: '', mode, requests: [], close: async () => undefined };
  const server: Server = createServer(async (req, res) => {
    const request = JSON.parse(await body(req));
    sim.requests.push({ ...request, authorization: req.headers.authorization ?? null });
    const send = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(typeof value === 'string' ? value : JSON.stringify(value));
    };
    if (sim.mode === 'hang') return; // never answers
    if (sim.mode === 'error') return send(503, { error: 'maintenance' });
    if (sim.mode === 'garbage') return send(200, '<html>');
    const rate = RATES[String(request.destination?.region ?? '').toUpperCase()];
    if (sim.mode === 'unknown-destination' || !rate) return send(422, { error: 'UNKNOWN_DESTINATION', message: 'No jurisdiction for this address.' });
    let lines = request.lines.map((l: { id: string; amount: string }) => ({ id: l.id, rate, name: `Simulated tax ${rate}%`, tax: tax(l.amount, rate) }));
    if (sim.mode === 'missing-line') lines = lines.slice(1);
    if (sim.mode === 'overcharge') lines = lines.map((l: { tax: string }, i: number) => (i === 0 ? { ...l, tax: '999999.00' } : l));
    send(200, { lines });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sim.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tax`;
  sim.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return sim;
}
