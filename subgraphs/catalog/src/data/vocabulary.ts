import type { Db } from '../../../../common/storage/index.ts';

/**
 * The search vocabulary: the words of the indexed texts (`terms`), kept in the product_search_terms
 * table by every indexing write, and in memory by the search projection (`Vocabulary`) so that a search
 * text's words — whether a word is a prefix of some term, else its close spellings — are looked up
 * without a database call. Both compare terms in byte order (code point order) and give the same answers.
 */
const WORD = /[\p{L}\p{N}]+/gu;

export function terms(text: string): string[] {
  return [...new Set((text.toLowerCase().normalize('NFKC').match(WORD) ?? []).filter((t) => t.length <= 40))];
}

/** Edit distance with adjacent transpositions (optimal string alignment), bounded: max + 1 once exceeded. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cur[j] = Math.min(cur[j], before[j - 2] + 1);
      if (cur[j] < best) best = cur[j];
    }
    if (best > max) return max + 1;
    before = prev;
    prev = cur;
  }
  return prev[b.length];
}

/** Edits tolerated in a term of this length (a swap of two neighbours is one): none below 3 letters, one from 3, two from 8. */
export const tolerance = (term: string) => (term.length >= 8 ? 2 : term.length >= 3 ? 1 : 0);

/** Strings in UTF-8 byte order (code point order), as SQLite and PostgreSQL's "C" collation order them. */
export function byteOrder(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && x <= 0xdfff) x += 0x10000;
    if (y >= 0xd800 && y <= 0xdfff) y += 0x10000;
    return x - y;
  }
  return a.length - b.length;
}

/** A string's length in code points (SQL's length of text). */
function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

/** Sorts strings in byte order: the built-in order (UTF-16 code units) where that is the same, i.e. without characters from U+D800 on. */
export function sortBytes(strings: string[]): string[] {
  return strings.some((t) => /[\ud800-\uffff]/.test(t)) ? strings.sort(byteOrder) : strings.sort();
}

/** The first place in `sorted` (byte order) whose string is not before `s`. */
export function lowerBound(sorted: readonly string[], s: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (byteOrder(sorted[mid], s) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The vocabulary in memory: the product_search_terms table as read, plus the terms of every text indexed since. */
export class Vocabulary {
  private constructor(private readonly sorted: string[]) {}

  static async load(db: Db): Promise<Vocabulary> {
    const rows = await db.all<{ term: string }>('SELECT term FROM product_search_terms');
    return new Vocabulary(sortBytes(rows.map((r) => r.term)));
  }

  get size(): number {
    return this.sorted.length;
  }

  /** The terms of a text indexed (as the index's writer adds them to the table). */
  add(text: string): void {
    for (const t of terms(text)) {
      const at = lowerBound(this.sorted, t);
      if (this.sorted[at] !== t) this.sorted.splice(at, 0, t);
    }
  }

  /** Whether some term starts with `term` (as SearchIndex.hasPrefix: a term in [term, term + U+FFFF)). */
  hasPrefix(term: string): boolean {
    const at = lowerBound(this.sorted, term);
    return at < this.sorted.length && byteOrder(this.sorted[at], `${term}\uffff`) < 0;
  }

  /** Terms close to `term`, as SearchIndex.similarTerms gives them. */
  similar(term: string): string[] {
    const max = tolerance(term);
    if (max === 0) return [];
    const first = term[0];
    const next = String.fromCodePoint(first.codePointAt(0)! + 1);
    const out: { term: string; d: number }[] = [];
    for (let k = lowerBound(this.sorted, first); k < this.sorted.length && byteOrder(this.sorted[k], next) < 0; k++) {
      const t = this.sorted[k];
      const length = codePoints(t);
      if (length < term.length - max || length > term.length + max) continue;
      const d = editDistance(term, t, max);
      if (d <= max) out.push({ term: t, d });
    }
    return out
      .sort((a, b) => a.d - b.d)
      .slice(0, 8)
      .map((x) => x.term);
  }
}
