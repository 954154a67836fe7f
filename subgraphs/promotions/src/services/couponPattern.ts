import { randomFillSync } from 'node:crypto';

/**
 * Coupon code patterns: `#` a digit, `A` a letter, `X` a letter or digit; every other character is
 * literal (upper-case letters other than A and X, digits, `-` and `_`), e.g. "BF-####-####".
 */
export const DEFAULT_PATTERN = 'XXXX-XXXX-XXXX';

const DIGITS = '0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALPHABETS: Record<string, string> = { '#': DIGITS, A: LETTERS, X: LETTERS + DIGITS };

export type PatternSlot = { literal: string } | { alphabet: string };

export interface CompiledPattern {
  pattern: string;
  slots: PatternSlot[];
  /** number of distinct codes the pattern can produce */
  combinations: bigint;
}

export type PatternResult = { ok: true; compiled: CompiledPattern } | { ok: false; message: string };

export function compilePattern(pattern: string): PatternResult {
  if (pattern.length < 3 || pattern.length > 64) return { ok: false, message: 'A pattern has 3 to 64 characters.' };
  const slots: PatternSlot[] = [];
  let combinations = 1n;
  for (const ch of pattern) {
    const alphabet = ALPHABETS[ch];
    if (alphabet) {
      slots.push({ alphabet });
      combinations *= BigInt(alphabet.length);
    } else if (/^[B-WYZ0-9_-]$/.test(ch)) {
      slots.push({ literal: ch });
    } else {
      return { ok: false, message: `"${ch}" cannot be part of a code: use # (digit), A (letter), X (letter or digit), upper-case letters, digits, - or _.` };
    }
  }
  if (!slots.some((s) => 'alphabet' in s)) return { ok: false, message: 'A pattern needs at least one #, A or X.' };
  if (!/^[A-Z0-9#]/.test(pattern)) return { ok: false, message: 'A pattern starts with a letter, a digit, #, A or X.' };
  return { ok: true, compiled: { pattern, slots, combinations } };
}

/**
 * Random indexes from crypto random bytes fetched in bulk (one system call per 64 KiB instead of one
 * per character). Unbiased: a byte is used only below the largest multiple of the alphabet's length.
 */
export class RandomIndexes {
  private readonly pool = Buffer.alloc(65_536);
  private next = this.pool.length;

  below(n: number): number {
    const limit = 256 - (256 % n);
    for (;;) {
      if (this.next === this.pool.length) {
        randomFillSync(this.pool);
        this.next = 0;
      }
      const byte = this.pool[this.next++];
      if (byte < limit) return byte % n;
    }
  }
}

/** One random code from the pattern (cryptographically random). */
export function generateCode(compiled: CompiledPattern, random: RandomIndexes): string {
  let code = '';
  for (const slot of compiled.slots) code += 'literal' in slot ? slot.literal : slot.alphabet[random.below(slot.alphabet.length)];
  return code;
}
