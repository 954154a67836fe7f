import { describe, expect, it } from 'vitest';
import { demandBySku, mostAvailableFirst, splitAcrossLines } from './allocation.ts';

describe('mostAvailableFirst', () => {
  it('orders by available descending, ties by location id', () => {
    const order = mostAvailableFirst.order('S', [
      { location: 'wh-c', available: 2 },
      { location: 'wh-b', available: 9 },
      { location: 'wh-a', available: 2 },
    ]);
    expect(order.map((c) => c.location)).toEqual(['wh-b', 'wh-a', 'wh-c']);
  });
});

describe('demandBySku', () => {
  it('adds up lines of the same SKU and keeps their order', () => {
    const d = demandBySku([
      { lineId: 'l1', sku: 'A', quantity: 2 },
      { lineId: 'l2', sku: 'B', quantity: 1 },
      { lineId: 'l3', sku: 'A', quantity: 3 },
    ]);
    expect(d.map((x) => [x.sku, x.quantity, x.lines.map((l) => l.lineId)])).toEqual([
      ['A', 5, ['l1', 'l3']],
      ['B', 1, ['l2']],
    ]);
    expect(d[0].lines[1].position).toBe(2);
  });
});

describe('splitAcrossLines', () => {
  it('assigns takes to lines in order, splitting a line across locations', () => {
    const lines = demandBySku([
      { lineId: 'l1', sku: 'A', quantity: 2 },
      { lineId: 'l2', sku: 'A', quantity: 3 },
    ])[0].lines;
    const parts = splitAcrossLines(lines, [
      { location: 'wh-a', quantity: 4 },
      { location: 'wh-b', quantity: 1 },
    ]);
    expect(parts.map((p) => [p.lineId, p.location, p.quantity])).toEqual([
      ['l1', 'wh-a', 2],
      ['l2', 'wh-a', 2],
      ['l2', 'wh-b', 1],
    ]);
  });

  it('refuses takes that do not cover the lines', () => {
    const lines = demandBySku([{ lineId: 'l1', sku: 'A', quantity: 2 }])[0].lines;
    expect(() => splitAcrossLines(lines, [{ location: 'wh-a', quantity: 1 }])).toThrow(/do not cover/);
  });
});
