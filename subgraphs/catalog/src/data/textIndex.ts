import type { Db } from '../../../../common/storage/index.ts';
import { Docs, readDocuments, type Doc } from './textDocuments.ts';
import { byteOrder, sortBytes, type Vocabulary } from './vocabulary.ts';

/**
 * The text index in memory: per indexed term, the variants (projection ordinals) holding it, one entry
 * per occurrence, built from the database's own index — on SQLite the FTS5 tokens of each document
 * (ASCII text split as FTS5's unicode61 tokenizer splits it; any other text tokenized by FTS5 itself in a
 * temporary table), on PostgreSQL each document's tsvector as stored (lexemes, positions, weights). A
 * text's matches and their ranks are then computed here with the database's own formulas — FTS5's
 * bm25 (k1 1.2, b 0.75, idf floored at 1e-6) and PostgreSQL's ts_rank with its default weights, in its
 * single-precision arithmetic — so a broad text's first search reads nothing from the database.
 * Where that cannot be sure to give what the database gives (a query term that is not plain ASCII
 * letters and digits, on PostgreSQL one term both as a prefix and as a word, a lexeme without positions)
 * `query` answers null and the caller asks the database.
 *
 * Changed documents go to an overlay (their entries in the term lists are skipped as stale) and are
 * folded into the lists once the overlay holds more than `TextIndex.maxOverlay` documents.
 */

export interface TextHits {
  ids: Int32Array;
  ranks: Float64Array;
}

/** A text query: per word, the word (a prefix) and its close spellings (whole terms). */
export type TermGroups = readonly (readonly string[])[];

const ASCII_TERM = /^[a-z0-9]+$/;
const f32 = Math.fround;
/** PostgreSQL's default weights of D, C, B, A (float4) */
const WEIGHTS = [f32(0.1), f32(0.2), f32(0.4), f32(1.0)];
/** PostgreSQL's word_distance for distances 0..100 (float4) */
const WORD_DISTANCE = Array.from({ length: 101 }, (_, w) => f32(1.0 / (1.005 + 0.05 * Math.exp(w / 1.5 - 2))));
const wordDistance = (w: number) => (w > 100 ? f32(1e-30) : WORD_DISTANCE[w]);

export class TextIndex {
  /** changed documents held apart before they are folded into the term lists */
  static maxOverlay = 2000;
  private readonly termIds = new Map<string, number>();
  private readonly termText: string[] = [];
  /** term ids in byte order of their text */
  private sorted: number[] | null = null;
  /** the ordinals holding each term, one entry per occurrence, each document's entries together: term t's at [start[t], start[t + 1]) */
  private post = new Int32Array(0);
  /** in step with post: each occurrence's position (PostgreSQL) */
  private pos = new Uint16Array(0);
  private start = new Int32Array(1);
  /** per ordinal: its number of tokens, -1 without a document */
  private length = new Int32Array(0);
  private docs = 0;
  private tokens = 0;
  /** ordinals whose entries in post are out of date: their document is in overlay (or gone) */
  private stale = new Uint8Array(0);
  private overlay = new Map<number, Doc>();
  /** false: something was indexed that this index cannot rank as the database does */
  private exact = true;
  /** scratch per ordinal, reused by every query */
  private mark = new Int32Array(0);
  private stamp = new Int32Array(0);
  private freq = new Int32Array(0);
  private score = new Float64Array(0);
  private generation = 0;

  constructor(private readonly db: Db) {}

  /** Documents indexed (in memory). */
  get size(): number {
    return this.docs;
  }

  /** Bytes held by the term lists and per-ordinal arrays (not the term strings). */
  get bytes(): number {
    return this.post.byteLength + this.pos.byteLength + this.start.byteLength + this.length.byteLength + this.stale.byteLength + this.mark.byteLength + this.stamp.byteLength + this.freq.byteLength + this.score.byteLength;
  }

  private termId(t: string): number {
    let id = this.termIds.get(t);
    if (id === undefined) {
      id = this.termText.length;
      this.termIds.set(t, id);
      this.termText.push(t);
      // after the build, a new term goes in its place (sorting everything again costs a search too much)
      if (this.sorted) this.sorted.splice(this.lowerBound(this.sorted, t), 0, id);
    }
    return id;
  }

  /** Grows the per-ordinal arrays to hold `n` ordinals. */
  private grow(n: number): void {
    if (this.length.length >= n) return;
    const size = Math.max(n, Math.ceil(this.length.length * 1.25), 1024);
    const length = new Int32Array(size).fill(-1);
    length.set(this.length);
    this.length = length;
    const stale = new Uint8Array(size);
    stale.set(this.stale);
    this.stale = stale;
    this.mark = new Int32Array(size);
    this.stamp = new Int32Array(size);
    this.freq = new Int32Array(size);
    this.score = new Float64Array(size);
    this.generation = 0;
  }

  /** Reads every document of the database's text index (ordinal: the projection's ordinal of a SQLite rowid or a PostgreSQL SKU). */
  async build(ordinal: (id: number | string) => number | undefined, ordinals: number): Promise<void> {
    const read = await readDocuments(this.db, null, ordinal, (t) => this.termId(t), null);
    if (!read.exact) this.exact = false;
    this.grow(ordinals);
    // the event loop free now and then (a build is not searched before it is done)
    for (const _ of this.fill(read.docs, false)) await new Promise((resolve) => setImmediate(resolve));
    this.order(); // the vocabulary in order now, not at the first prefix searched
    this.rehearse();
  }

  /**
   * Runs matching and ranking once over the most frequent terms (one word, then two), so that V8
   * compiles them now and not during the first searches after the build.
   */
  private rehearse(): void {
    const terms = this.start.length - 1;
    const top = [-1, -1];
    for (let t = 0; t < terms; t++) {
      const n = this.start[t + 1] - this.start[t];
      if (top[0] < 0 || n > this.start[top[0] + 1] - this.start[top[0]]) [top[0], top[1]] = [t, top[0]];
      else if (top[1] < 0 || n > this.start[top[1] + 1] - this.start[top[1]]) top[1] = t;
    }
    const words = top.filter((t) => t >= 0).map((t) => this.termText[t]).filter((t) => /^[a-z0-9]+$/.test(t));
    if (words.length === 0) return;
    this.query([[words[0]]], true);
    if (words.length > 1) this.query([[words[0]], [words[1]]], true);
  }

  /**
   * The term lists again: the current ones (without their stale entries) and these documents; each
   * document's entries stay together. Pauses (yields) after every 50,000 documents.
   */
  private *fill(docs: Docs, keep: boolean): Generator<void> {
    const terms = this.termText.length;
    const pg = this.db.dialect === 'postgres';
    const counts = new Int32Array(terms + 1);
    const old = { post: this.post, pos: this.pos, start: this.start };
    const oldTerms = old.start.length - 1;
    if (keep) for (let t = 0; t < oldTerms; t++) for (let k = old.start[t]; k < old.start[t + 1]; k++) if (!this.stale[old.post[k]]) counts[t]++;
    for (let k = 0; k < docs.size; k++) counts[docs.terms[k]]++;
    const start = new Int32Array(terms + 1);
    for (let t = 0; t < terms; t++) start[t + 1] = start[t] + counts[t];
    const post = new Int32Array(start[terms]);
    const pos = new Uint16Array(pg ? post.length : 0);
    const at = start.slice(0, terms);
    if (keep) for (let t = 0; t < oldTerms; t++) for (let k = old.start[t]; k < old.start[t + 1]; k++) {
      if (this.stale[old.post[k]]) continue;
      if (pg) pos[at[t]] = old.pos[k];
      post[at[t]++] = old.post[k];
    }
    let from = 0;
    for (let d = 0; d < docs.ordinal.length; d++) {
      const o = docs.ordinal[d];
      // a document's occurrences of a term go in one after another: they stay together
      for (let k = from; k < docs.end[d]; k++) {
        const t = docs.terms[k];
        if (pg) pos[at[t]] = docs.pos[k];
        post[at[t]++] = o;
      }
      if (this.length[o] < 0) this.docs++;
      else this.tokens -= this.length[o];
      this.length[o] = docs.end[d] - from;
      this.tokens += docs.end[d] - from;
      from = docs.end[d];
      if (d % 50_000 === 49_999) yield;
    }
    this.post = post;
    this.pos = pos;
    this.start = start;
  }

  /** Reads these SKUs' documents again (their text changed) into the overlay, their words into `vocabulary`. */
  async update(skus: readonly string[], ordinal: (sku: string) => number | undefined, ordinals: number, vocabulary: Vocabulary | null): Promise<void> {
    this.grow(ordinals);
    const read = await readDocuments(this.db, skus, (id) => ordinal(String(id)), (t) => this.termId(t), vocabulary);
    if (!read.exact) this.exact = false;
    const { docs, seen } = read;
    let from = 0;
    for (let d = 0; d < docs.ordinal.length; d++) {
      const o = docs.ordinal[d];
      seen.delete(o);
      this.replace(o, { terms: docs.terms.slice(from, docs.end[d]), pos: docs.pos.slice(from, docs.end[d]) });
      from = docs.end[d];
    }
    for (const o of seen) this.replace(o, null);
    if (this.overlay.size > TextIndex.maxOverlay) this.fold();
  }

  private replace(o: number, doc: Doc | null): void {
    if (this.length[o] >= 0) {
      this.docs--;
      this.tokens -= this.length[o];
    }
    this.stale[o] = 1;
    if (doc === null) {
      this.overlay.delete(o);
      this.length[o] = -1;
      return;
    }
    this.overlay.set(o, doc);
    this.length[o] = doc.terms.length;
    this.docs++;
    this.tokens += doc.terms.length;
  }

  /** Folds the overlay into the term lists: stale entries out, the overlay's documents in. */
  private fold(): void {
    const docs = new Docs();
    for (const [o, d] of this.overlay) {
      for (let k = 0; k < d.terms.length; k++) docs.push(d.terms[k], d.pos[k]);
      docs.close(o);
      // fill counts them again
      this.docs--;
      this.tokens -= d.terms.length;
      this.length[o] = -1;
    }
    for (const _ of this.fill(docs, true));
    this.stale.fill(0);
    this.overlay.clear();
  }

  /** Term ids in byte order. */
  private order(): number[] {
    this.sorted ??= sortBytes([...this.termText]).map((t) => this.termIds.get(t)!);
    return this.sorted;
  }

  /** The first place in `sorted` whose term is not before `term`. */
  private lowerBound(sorted: number[], term: string): number {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byteOrder(this.termText[sorted[mid]], term) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The terms a query word stands for (a prefix: every indexed term it starts, in byte order), as term ids. */
  private expand(term: string, prefix: boolean): number[] {
    if (!prefix) {
      const id = this.termIds.get(term);
      return id === undefined ? [] : [id];
    }
    const sorted = this.order();
    const out: number[] = [];
    for (let k = this.lowerBound(sorted, term); k < sorted.length && this.termText[sorted[k]].startsWith(term); k++) out.push(sorted[k]);
    return out;
  }

  /** Calls fn for each current document holding one of these terms: its ordinal and its occurrences (start, end) in `post[t]`/`pos[t]` or in an overlay document. */
  private each(ids: readonly number[], fn: (o: number, pos: Uint16Array, start: number, end: number) => void): void {
    const { post, pos, stale } = this;
    const terms = this.start.length - 1;
    for (const t of ids) {
      if (t >= terms) continue;
      let k = this.start[t];
      const last = this.start[t + 1];
      while (k < last) {
        const o = post[k];
        let e = k + 1;
        while (e < last && post[e] === o) e++;
        if (!stale[o]) fn(o, pos, k, e);
        k = e;
      }
    }
    if (this.overlay.size === 0) return;
    const wanted = new Set(ids);
    for (const [o, d] of this.overlay) {
      for (const t of ids) {
        if (!wanted.has(t)) continue;
        const at: number[] = [];
        for (let k = 0; k < d.terms.length; k++) if (d.terms[k] === t) at.push(d.pos[k]);
        if (at.length) fn(o, Uint16Array.from(at), 0, at.length);
      }
    }
  }

  /**
   * The documents (ordinals) holding every word group, and with `ranked` their rank as the database
   * computes it (lower is more relevant); null when this index cannot answer as the database would.
   */
  query(groups: TermGroups, ranked: boolean): TextHits | null {
    if (!this.exact || this.docs === 0) return null;
    const items = groups.flatMap((g, group) => g.map((term, k) => ({ term, prefix: k === 0, group })));
    if (items.some((i) => !ASCII_TERM.test(i.term))) return null;
    if (this.db.dialect === 'postgres') {
      const prefix = new Map<string, boolean>();
      for (const i of items) {
        if (prefix.has(i.term) && prefix.get(i.term) !== i.prefix) return null;
        prefix.set(i.term, i.prefix);
      }
    }
    const ids = items.map((i) => this.expand(i.term, i.prefix));
    if (this.generation > 2_000_000_000) {
      this.mark.fill(0);
      this.stamp.fill(0);
      this.generation = 0;
    }
    const base = this.generation;
    this.generation += groups.length + 1;
    // matching: mark[o] = base + g once o holds groups 0..g-1
    const mark = this.mark;
    let matched: number[] = [];
    for (let g = 0; g < groups.length; g++) {
      const last = g === groups.length - 1;
      const groupIds = ids.flatMap((x, k) => (items[k].group === g ? x : []));
      this.each(groupIds, (o) => {
        if (g === 0 ? mark[o] <= base : mark[o] === base + g) {
          mark[o] = base + g + 1;
          if (last) matched.push(o);
        }
      });
    }
    const done = base + groups.length;
    if (groups.length === 0) matched = [];
    const hits: TextHits = { ids: Int32Array.from(matched), ranks: new Float64Array(ranked ? matched.length : 0) };
    if (!ranked || matched.length === 0) return hits;
    if (this.db.dialect === 'sqlite') this.bm25(ids, done, hits);
    else this.tsRank(items, ids, groups.length > 1, done, hits);
    return hits;
  }

  /** FTS5's bm25 of each match: per query phrase (in the expression's order) its idf over all documents and its frequency in the match. */
  private bm25(ids: number[][], done: number, hits: TextHits): void {
    const k1 = 1.2;
    const b = 0.75;
    const nRow = this.docs;
    const avgdl = this.tokens / nRow;
    const { mark, stamp, freq, score } = this;
    for (const o of hits.ids) score[o] = 0;
    for (const phrase of ids) {
      const gen = ++this.generation;
      let nHit = 0;
      const touched: number[] = [];
      this.each(phrase, (o, _pos, start, end) => {
        if (stamp[o] !== gen) {
          stamp[o] = gen;
          nHit++;
          if (mark[o] === done) {
            freq[o] = 0;
            touched.push(o);
          }
        }
        if (mark[o] === done) freq[o] += end - start;
      });
      let idf = Math.log((nRow - nHit + 0.5) / (nHit + 0.5));
      if (idf <= 0.0) idf = 1e-6;
      for (const o of touched) {
        const f = freq[o];
        score[o] += idf * ((f * (k1 + 1.0)) / (f + k1 * (1 - b + (b * this.length[o]) / avgdl)));
      }
    }
    for (let h = 0; h < hits.ids.length; h++) hits.ranks[h] = -1.0 * score[hits.ids[h]];
  }

  /** PostgreSQL's ts_rank (default weights, no normalisation) of each match, negated, in float4 as PostgreSQL computes it. */
  private tsRank(items: { term: string; prefix: boolean }[], ids: number[][], and: boolean, done: number, hits: TextHits): void {
    // the query's distinct operands in byte order (SortAndUniqItems)
    const unique = [...new Map(items.map((it, k) => [it.term, ids[k]])).entries()].sort((a, b) => byteOrder(a[0], b[0]));
    const size = unique.length;
    const { mark, score } = this;
    if (!and || size < 2) {
      // calc_rank_or: per operand and matching lexeme of the match (operands in order, a prefix's lexemes in byte order, as met here)
      for (const o of hits.ids) score[o] = 0;
      for (const [, tids] of unique)
        this.each(tids, (o, pos, start, end) => {
          if (mark[o] !== done) return;
          let resj = 0;
          let wjm = -1;
          let jm = 0;
          for (let j = 0; j < end - start; j++) {
            const w = WEIGHTS[pos[start + j] >> 14];
            resj = f32(resj + f32(w / ((j + 1) * (j + 1))));
            if (w > wjm) {
              wjm = w;
              jm = j;
            }
          }
          score[o] = f32(score[o] + f32(f32(wjm + resj) - f32(wjm / ((jm + 1) * (jm + 1)))) / 1.64493406685);
        });
      for (let h = 0; h < hits.ids.length; h++) {
        const res = f32(score[hits.ids[h]] / size);
        hits.ranks[h] = -(res < 0 ? f32(1e-20) : res);
      }
      return;
    }
    // calc_rank_and: each match's entries (operand, positions) in that order, then every pair of positions of different operands
    const first = new Map<number, number>();
    const last = new Map<number, number>();
    const next: number[] = [];
    const item: number[] = [];
    const arrays: Uint16Array[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    unique.forEach(([, tids], i) => {
      this.each(tids, (o, pos, start, end) => {
        if (mark[o] !== done) return;
        const e = next.length;
        next.push(-1);
        item.push(i);
        arrays.push(pos);
        starts.push(start);
        ends.push(end);
        const tail = last.get(o);
        if (tail === undefined) first.set(o, e);
        else next[tail] = e;
        last.set(o, e);
      });
    });
    const current: number[] = new Array(size);
    for (let h = 0; h < hits.ids.length; h++) {
      let res = -1;
      current.fill(-1);
      for (let e = first.get(hits.ids[h]) ?? -1; e >= 0; e = next[e]) {
        const i = item[e];
        current[i] = e;
        const p = arrays[e];
        for (let k = 0; k < i; k++) {
          const c = current[k];
          if (c < 0) continue;
          const q = arrays[c];
          for (let l = starts[e]; l < ends[e]; l++) {
            for (let m = starts[c]; m < ends[c]; m++) {
              const dist = Math.abs((p[l] & 0x3fff) - (q[m] & 0x3fff));
              if (dist === 0) continue;
              const curw = f32(Math.sqrt(f32(f32(WEIGHTS[p[l] >> 14] * WEIGHTS[q[m] >> 14]) * wordDistance(dist))));
              res = res < 0 ? curw : f32(1.0 - (1.0 - res) * (1.0 - curw));
            }
          }
        }
      }
      hits.ranks[h] = -(res < 0 ? f32(1e-20) : res);
    }
  }
}
