import { z } from 'zod';
import { defineCondition } from '../rule.ts';

/** The cart was created in one of the channels (web, pos, kiosk, in-game …). */
export const channel = defineCondition({
  type: 'channel',
  description: 'The cart belongs to one of `channels`.',
  args: z.strictObject({ channels: z.array(z.string().trim().min(1)).min(1, 'name at least one channel') }),
  channels: (args) => args.channels,
  evaluate(args, cart) {
    if (args.channels.includes(cart.channel)) return { ok: true };
    return { ok: false, reason: 'WRONG_CHANNEL', message: 'This code cannot be used in this sales channel.' };
  },
});
