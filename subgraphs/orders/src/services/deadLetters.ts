import type { DueDelivery } from '../../../../common/events/deliveriesRepository.ts';

/** A delivery row as the API (GraphQL and the dead-letters command) shows it. */
export function deliveryView(d: DueDelivery) {
  return {
    id: d.id,
    eventId: d.event_id,
    eventType: d.event_type,
    aggregateId: d.aggregate_id,
    subscriber: d.subscriber,
    status: d.status,
    attempts: Number(d.attempts),
    lastError: d.last_error,
    occurredAt: d.occurred_at,
    nextAttemptAt: d.next_attempt_at,
    deliveredAt: d.delivered_at,
    deadAt: d.dead_at,
    replayedAt: d.replayed_at,
    payload: JSON.parse(d.payload) as unknown,
  };
}

export const deadLetterCursor = (d: { dead_at: string | null; id: string }) => Buffer.from(`${d.dead_at ?? ''}|${d.id}`, 'utf8').toString('base64url');

export function parseDeadLetterCursor(cursor: string | null | undefined): { deadAt: string; id: string } | null {
  if (!cursor) return null;
  const s = Buffer.from(cursor, 'base64url').toString('utf8');
  const bar = s.indexOf('|');
  if (bar < 0) return null;
  return { deadAt: s.slice(0, bar), id: s.slice(bar + 1) };
}
