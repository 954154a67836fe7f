import { describe, expect, it } from 'vitest';
import { orderStatus } from './status.ts';

const line = (quantity: number, fulfilled = 0, returned = 0) => ({ quantity, fulfilled, returned });

describe('orderStatus follows the lines', () => {
  it.each([
    [[line(2), line(1)], 'PLACED'],
    [[line(2, 1), line(1)], 'PARTIALLY_FULFILLED'],
    [[line(2, 2), line(1, 1)], 'FULFILLED'],
    [[line(2, 2, 1), line(1, 1)], 'PARTIALLY_RETURNED'],
    [[line(2, 2, 2), line(1, 1, 1)], 'RETURNED'],
    [[line(2, 1, 1), line(1)], 'PARTIALLY_RETURNED'],
  ] as const)('%j → %s', (lines, status) => {
    expect(orderStatus('PLACED', lines)).toBe(status);
  });

  it('a cancelled order stays cancelled', () => {
    expect(orderStatus('CANCELLED', [line(1)])).toBe('CANCELLED');
  });
});
