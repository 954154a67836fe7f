import { describe, expect, it } from 'vitest';
import { auditRetentionDaysFromEnv } from './config.ts';
import { changesBetween, decodeAuditCursor, mergeAuditPages, type AuditEventView } from './trail.ts';

const event = (at: string, id: string): AuditEventView => ({ id, entityType: 'X', entityId: 'e', market: null, action: 'UPDATED', keyId: 'k', at, before: null, after: null, changes: [] });

describe('the shared audit trail', () => {
  it('lists the top-level fields that changed', () => {
    expect(changesBetween({ a: 1, b: [1], c: 'x' }, { a: 1, b: [2], d: true })).toEqual([
      { field: 'b', before: [1], after: [2] },
      { field: 'c', before: 'x', after: null },
      { field: 'd', before: null, after: true },
    ]);
    expect(changesBetween(null, { a: 1 })).toEqual([{ field: 'a', before: null, after: 1 }]);
  });

  it('merges pages of several trails newest first, by time then id, with a cursor after the last', () => {
    const a = [event('2026-11-03T00:00:00.000Z', 'a3'), event('2026-11-01T00:00:00.000Z', 'a1')];
    const b = [event('2026-11-03T00:00:00.000Z', 'b3'), event('2026-11-02T00:00:00.000Z', 'b2')];
    const page = mergeAuditPages([a, b], 3);
    expect(page.events.map((e) => e.id)).toEqual(['b3', 'a3', 'b2']);
    expect(page.hasNextPage).toBe(true);
    expect(decodeAuditCursor(page.endCursor!)).toEqual({ at: '2026-11-02T00:00:00.000Z', id: 'b2' });
    expect(mergeAuditPages([a, b], 4)).toMatchObject({ hasNextPage: false });
    expect(mergeAuditPages([[], []], 5)).toEqual({ events: [], hasNextPage: false, endCursor: null });
    expect(() => decodeAuditCursor('nope')).toThrow(/cursor/);
  });

  it('reads a retention in days from the environment, refusing what is not one', () => {
    expect(auditRetentionDaysFromEnv('X_DAYS', {})).toBeUndefined();
    expect(auditRetentionDaysFromEnv('X_DAYS', { X_DAYS: ' 30 ' })).toBe(30);
    for (const bad of ['0', '1.5', 'soon', '40000']) expect(() => auditRetentionDaysFromEnv('X_DAYS', { X_DAYS: bad })).toThrow(/X_DAYS: must be/);
  });
});
