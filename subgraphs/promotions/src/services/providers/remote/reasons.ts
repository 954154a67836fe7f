import type { NonApplicableCode, NonApplicableReason } from '../../evaluation.ts';

/** What the customer reads for each reason a remote engine gives (our fixed list). */
export const REASON_MESSAGES: Record<NonApplicableReason, string> = {
  MIN_SUBTOTAL_NOT_REACHED: 'The cart does not reach the minimum amount of this code yet.',
  NO_QUALIFYING_ITEMS: 'The cart has no item this code applies to.',
  NOT_YET_VALID: 'This code is not valid yet.',
  EXPIRED: 'This code has expired.',
  USAGE_LIMIT_REACHED: 'This code has reached its usage limit.',
  NOT_COMBINABLE: 'This code cannot be combined with the other discounts.',
  WRONG_MARKET: 'This code is not valid in this market.',
  WRONG_CHANNEL: 'This code is not valid in this channel.',
};

export const nonApplicable = (code: string, reason: NonApplicableReason): NonApplicableCode => ({ code, reason, message: REASON_MESSAGES[reason] });
