import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the receiver does with one request: answer 2xx, answer 500, or hang (never answer in time). */
export type Behaviour = 'ok' | 'fail' | 'hang';

export interface ReceivedRequest {
  eventId: string;
  eventType: string;
  attempt: number;
  signatureValid: boolean;
  body: string;
  behaviour: Behaviour;
  at: number;
}

export interface WebhookReceiver {
  url: string;
  secret: string;
  /** every request, in arrival order */
  requests: ReceivedRequest[];
  /** events processed once each (deduplicated by x-event-id), in processing order */
  events: { eventId: string; payload: any }[];
  /** decides the fate of each request; default 'ok' */
  behaviour: (req: { eventId: string; attempt: number; index: number; payload: any }) => Behaviour;
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Verifies `x-signature: sha256=<hex>` over the raw body (what a subscriber does, see docs/events.md). */
export function verifySignature(rawBody: string, header: string | undefined, secret: string): boolean {
  if (!header?.startsWith('sha256=')) return false;
  const expected = createHmac('sha256', secret).update(rawBody, 'utf8').digest();
  const got = Buffer.from(header.slice(7), 'hex');
  return got.length === expected.length && timingSafeEqual(got, expected);
}

/**
 * A real webhook subscriber on node:http, port 0. It processes an event once (dedupe by event id)
 * when the signature is valid and its behaviour is 'ok' or 'hang' (a hung request was processed,
 * only its answer is late: the relay's retry must then be deduplicated).
 */
export async function startWebhookReceiver(secret = 'whsec-test-0123456789abcdef', hangMs = 2000): Promise<WebhookReceiver> {
  const hanging = new Set<ServerResponse>();
  const receiver = {
    url: '',
    secret,
    requests: [] as ReceivedRequest[],
    events: [] as { eventId: string; payload: any }[],
    behaviour: (() => 'ok') as WebhookReceiver['behaviour'],
  } as WebhookReceiver;
  const seen = new Set<string>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const eventId = String(req.headers['x-event-id'] ?? '');
      const attempt = Number(req.headers['x-delivery-attempt'] ?? 0);
      const signatureValid = verifySignature(body, req.headers['x-signature'] as string | undefined, secret);
      let payload: any = null;
      try {
        payload = JSON.parse(body);
      } catch {
        /* counted as invalid below */
      }
      const behaviour = signatureValid && payload ? receiver.behaviour({ eventId, attempt, index: receiver.requests.length, payload }) : 'fail';
      receiver.requests.push({ eventId, eventType: String(req.headers['x-event-type'] ?? ''), attempt, signatureValid, body, behaviour, at: Date.now() });
      if (behaviour === 'fail') {
        res.writeHead(signatureValid ? 500 : 401).end();
        return;
      }
      if (!seen.has(eventId)) {
        seen.add(eventId);
        receiver.events.push({ eventId, payload });
      }
      if (behaviour === 'hang') {
        hanging.add(res);
        const t = setTimeout(() => {
          hanging.delete(res);
          if (!res.destroyed) res.writeHead(200).end();
        }, hangMs);
        t.unref();
        return;
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/orders`;
  receiver.waitFor = async (predicate, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error('webhook receiver: condition not met in time');
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  receiver.close = async () => {
    for (const res of hanging) res.destroy();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return receiver;
}
