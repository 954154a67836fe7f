import { describe, expect, it } from 'vitest';
import { openDatabase } from '../storage/index.ts';
import { newEventId, OUTBOX_TABLES_SQL, recordChange, recordChanges } from './outbox.ts';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('event ids', () => {
  it('are UUIDs of version 7: the time first, so that ids written later sort later', () => {
    const ids = [newEventId(Date.parse('2026-01-01T00:00:00Z')), newEventId(Date.parse('2026-01-01T00:00:00.001Z')), newEventId(Date.parse('2027-06-01T00:00:00Z'))];
    for (const id of ids) expect(id).toMatch(UUID_V7);
    expect([...ids].sort()).toEqual(ids);
    expect(ids[0].replace(/-/g, '').slice(0, 12)).toBe(Date.parse('2026-01-01T00:00:00Z').toString(16).padStart(12, '0'));
    // the rest is random: two ids of one millisecond differ
    expect(newEventId(0)).not.toBe(newEventId(0));
  });

  it('recordChange and recordChanges write such ids, the payload naming the same id', async () => {
    const db = await openDatabase({ service: 'outbox-test', file: ':memory:', migrations: [{ id: 1, name: 'outbox', sql: OUTBOX_TABLES_SQL }] });
    try {
      const at = '2026-11-01T10:00:00.000Z';
      await db.transaction((tx) => recordChange(tx, { type: 'Changed', aggregateId: 'a', at, data: { n: 1 } }));
      await db.transaction((tx) => recordChanges(tx, 'Changed', at, [{ aggregateId: 'b', data: { n: 2 } }, { aggregateId: 'c', data: { n: 3 } }]));
      const rows = await db.all<{ id: string; payload: string }>('SELECT id, payload FROM outbox ORDER BY aggregate_id');
      expect(rows).toHaveLength(3);
      for (const r of rows) {
        expect(r.id).toMatch(UUID_V7);
        expect(JSON.parse(r.payload)).toMatchObject({ eventId: r.id, type: 'Changed', schemaVersion: 1, occurredAt: at });
      }
    } finally {
      await db.close();
    }
  });
});
