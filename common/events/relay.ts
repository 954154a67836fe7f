import { createHmac, randomUUID } from 'node:crypto';
import { Agent, request } from 'undici';
import type { Clock } from '../clock.ts';
import type { Logger } from '../log.ts';
import type { DeliveriesRepository, DueDelivery } from './deliveriesRepository.ts';

export interface WebhookSubscriber {
  url: string;
  secret: string;
}

export interface RelaySettings {
  /** timeout of one delivery attempt (connect, headers and body), ms */
  timeoutMs: number;
  /** first retry delay; attempt n waits min(cap, base × 2^(n−1)), ms */
  backoffBaseMs: number;
  backoffCapMs: number;
  /** failed attempts after which a delivery becomes a dead letter */
  maxAttempts: number;
  /** how often the relay looks for work, ms */
  pollIntervalMs: number;
  batchSize: number;
  /** deliveries in flight at once */
  concurrency: number;
  /** user-agent of the webhook requests (names the sending service) */
  userAgent: string;
}

export const DEFAULT_RELAY_SETTINGS: RelaySettings = {
  timeoutMs: 10_000,
  backoffBaseMs: 1000,
  backoffCapMs: 5 * 60_000,
  maxAttempts: 8,
  pollIntervalMs: 1000,
  batchSize: 50,
  concurrency: 8,
  userAgent: 'commerce-graph-orders-relay',
};

/** x-signature header value: sha256=<hex HMAC-SHA256 of the raw body with the subscriber's secret>. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export function backoffMs(failures: number, s: Pick<RelaySettings, 'backoffBaseMs' | 'backoffCapMs'>): number {
  return Math.min(s.backoffCapMs, s.backoffBaseMs * 2 ** Math.max(0, failures - 1));
}

/**
 * Delivers outbox events to webhook subscribers at least once (DESIGN.md §1 step 6; docs/events.md):
 * fans each event out to one delivery row per subscriber, claims due rows with a conditional
 * update (safe with several replicas), POSTs the signed payload with a timeout per attempt, retries
 * with exponential backoff and turns a delivery into a dead letter after `maxAttempts` failures.
 * An event waits while an earlier event of the same aggregate to the same subscriber is undelivered.
 */
export class Relay {
  private readonly settings: RelaySettings;
  private readonly agent: Agent;
  private readonly subscribers: Map<string, WebhookSubscriber>;
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<number> | null = null;
  private stopped = false;
  private started = false;
  private kicked = false;
  private readonly stopping = new AbortController();
  private rounds = 0;

  constructor(
    private readonly repo: DeliveriesRepository,
    subscribers: WebhookSubscriber[],
    private readonly clock: Clock,
    private readonly log: Logger,
    settings: Partial<RelaySettings> = {},
  ) {
    this.settings = { ...DEFAULT_RELAY_SETTINGS, ...settings };
    this.subscribers = new Map(subscribers.map((s) => [s.url, s]));
    this.agent = new Agent({
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 60_000,
      connections: this.settings.concurrency,
      connectTimeout: this.settings.timeoutMs,
      headersTimeout: this.settings.timeoutMs,
      bodyTimeout: this.settings.timeoutMs,
    });
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  /** Rounds finished so far (with or without work, failed ones too): a round after a change has seen it. */
  get roundsCompleted(): number {
    return this.rounds;
  }

  /** One round: fan out new events, then deliver what is due. Returns the number of attempts made. */
  sweep(): Promise<number> {
    if (this.current) return this.current;
    this.current = this.round().finally(() => {
      this.current = null;
      this.rounds++;
    });
    return this.current;
  }

  private async round(): Promise<number> {
    const urls = [...this.subscribers.keys()];
    for (const event of await this.repo.unpublished(this.settings.batchSize)) {
      await this.repo.fanOut(event, urls, this.now());
    }
    const due = await this.repo.due(this.now(), this.settings.batchSize, urls);
    let attempts = 0;
    let next = 0;
    const worker = async () => {
      while (next < due.length && !this.stopped) {
        const d = due[next++];
        if (await this.attempt(d)) attempts++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.settings.concurrency, due.length) }, worker));
    return attempts;
  }

  /** Claims and delivers one row; false when another relay had it. */
  private async attempt(due: DueDelivery): Promise<boolean> {
    const token = randomUUID();
    const now = this.clock.now();
    // the claim outlives the attempt's own timeout, so it never expires while the POST runs
    const until = new Date(now.getTime() + this.settings.timeoutMs * 2 + 5000).toISOString();
    if (!(await this.repo.claim(due.id, token, now.toISOString(), until))) return false;
    const d = await this.repo.claimed(due.id, token);
    if (!d) return false;
    const subscriber = this.subscribers.get(d.subscriber)!;
    const attempt = Number(d.attempts) + 1;
    let error: string | null = null;
    try {
      const res = await request(subscriber.url, {
        method: 'POST',
        dispatcher: this.agent,
        headers: {
          'content-type': 'application/json',
          'user-agent': this.settings.userAgent,
          'x-event-id': d.event_id,
          'x-event-type': d.event_type,
          'x-signature': signBody(d.payload, subscriber.secret),
          'x-delivery-attempt': String(attempt),
        },
        body: d.payload,
        signal: AbortSignal.any([AbortSignal.timeout(this.settings.timeoutMs), this.stopping.signal]),
      });
      await res.body.dump().catch(() => undefined);
      if (res.statusCode < 200 || res.statusCode >= 300) error = `HTTP ${res.statusCode}`;
    } catch (e) {
      error = (e as Error).name === 'TimeoutError' ? `timeout after ${this.settings.timeoutMs} ms` : (e as Error).message || String(e);
    }
    if (error === null) {
      await this.repo.delivered(d.id, token, this.now());
      return true;
    }
    if (this.stopped) {
      await this.repo.unclaim(d.id, token);
      return true;
    }
    const failures = Number(d.failures) + 1;
    const dead = failures >= this.settings.maxAttempts;
    const nextAt = new Date(this.clock.now().getTime() + backoffMs(failures, this.settings)).toISOString();
    await this.repo.failed(d.id, token, error, this.now(), nextAt, dead);
    const fields = { eventId: d.event_id, subscriber: d.subscriber, attempt, err: error };
    if (dead) this.log.error(fields, 'webhook delivery failed for good: dead letter');
    else this.log.warn(fields, 'webhook delivery failed; will retry');
    return true;
  }

  private schedule(ms: number): void {
    if (this.stopped || !this.started) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), ms);
    this.timer.unref();
  }

  private tick(): void {
    this.timer = null;
    this.kicked = false;
    void this.sweep()
      .catch((e) => {
        this.log.warn({ err: (e as Error).message }, 'relay round failed');
        return 0;
      })
      .then((n) => {
        if (this.timer) return; // kicked meanwhile
        // a full batch, or a new event written during the round: go again at once
        this.schedule(this.kicked || n >= this.settings.batchSize ? 0 : this.settings.pollIntervalMs);
      });
  }

  /** Polls every `pollIntervalMs` (timer unref'd) until stop(). */
  start(): void {
    this.started = true;
    this.schedule(0);
  }

  /** A new event was written: look for it now instead of at the next poll. */
  kick(): void {
    if (this.current) this.kicked = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.stopping.abort();
    await this.current?.catch(() => undefined);
    await this.agent.close().catch(() => undefined);
  }
}
