import type { Db } from '../../../../common/storage/index.ts';
import { byteOrder, type Vocabulary } from './vocabulary.ts';

/** The FTS5 tokenizer of the SQLite text index (searchIndex.ts), used here to tokenize text the same way. */
export const FTS_TOKENIZE = 'unicode61 remove_diacritics 2';

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

/** One document: its terms (ids) with each occurrence's position (PostgreSQL: weight << 14 | position). */
interface Doc {
  terms: Int32Array;
  pos: Uint16Array;
}

export interface TextHits {
  ids: Int32Array;
  ranks: Float64Array;
}

/** A text query: per word, the word (a prefix) and its close spellings (whole terms). */
export type TermGroups = readonly (readonly string[])[];

const ASCII_TERM = /^[a-z0-9]+$/;
const NON_ASCII = /[^\x00-\x7f]/; // eslint-disable-line no-control-regex
const CHUNK = 500;
const f32 = Math.fround;
/** PostgreSQL's default weights of D, C, B, A (float4) */
const WEIGHTS = [f32(0.1), f32(0.2), f32(0.4), f32(1.0)];
const MAXENTRYPOS = 1 << 14;
/** PostgreSQL's word_distance for distances 0..100 (float4) */
const WORD_DISTANCE = Array.from({ length: 101 }, (_, w) => f32(1.0 / (1.005 + 0.05 * Math.exp(w / 1.5 - 2))));
const wordDistance = (w: number) => (w > 100 ? f32(1e-30) : WORD_DISTANCE[w]);
const list = (n: number) => Array.from({ length: n }, () => '?').join(',');

/** Documents one after another in flat arrays: term ids and positions, where each document ends. */
class Docs {
  ordinal: number[] = [];
  end: number[] = [];
  terms = new Int32Array(1 << 16);
  pos = new Uint16Array(1 << 16);
  size = 0;
  push(term: number, pos: number): void {
    if (this.size === this.terms.length) {
      const terms = new Int32Array(this.size * 2);
      terms.set(this.terms);
      this.terms = terms;
      const p = new Uint16Array(this.size * 2);
      p.set(this.pos);
      this.pos = p;
    }
    this.pos[this.size] = pos;
    this.terms[this.size++] = term;
  }
  close(ordinal: number): void {
    this.ordinal.push(ordinal);
    this.end.push(this.size);
  }
  /** drops the terms pushed since the last close */
  drop(): void {
    this.size = this.end.length ? this.end[this.end.length - 1] : 0;
  }
}

/** Parses a tsvector's text form, 'lexeme':1,5B 'other':2 …, into `out` (false: a lexeme without positions). */
function parseTsvector(text: string, termId: (t: string) => number, out: Docs): boolean {
  let i = 0;
  while (i < text.length) {
    if (text[i] === ' ') {
      i++;
      continue;
    }
    // 'lexeme' with '' for a quote and \\ for a backslash
    let lexeme = '';
    i++;
    for (;;) {
      const c = text[i++];
      if (c === '\\') lexeme += text[i++];
      else if (c === "'") {
        if (text[i] === "'") {
          lexeme += "'";
          i++;
        } else break;
      } else lexeme += c;
    }
    if (text[i] !== ':') return false;
    i++;
    const id = termId(lexeme);
    for (;;) {
      let p = 0;
      while (text[i] >= '0' && text[i] <= '9') p = p * 10 + (text.charCodeAt(i++) - 48);
      const w = text[i] === 'A' ? 3 : text[i] === 'B' ? 2 : text[i] === 'C' ? 1 : 0;
      if (text[i] === 'A' || text[i] === 'B' || text[i] === 'C' || text[i] === 'D') i++;
      out.push(id, (w << 14) | Math.min(p, MAXENTRYPOS - 1));
      if (text[i] !== ',') break;
      i++;
    }
  }
  return true;
}

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
    const docs = new Docs();
    if (this.db.dialect === 'sqlite') {
      const rows = await this.db.all<{ id: number; text: string }>('SELECT rowid AS id, text FROM product_search');
      await this.tokenizeSqlite(rows, ordinal, docs);
    } else {
      for (const r of await this.db.all<{ id: string; tsv: string }>('SELECT sku AS id, tsv::text AS tsv FROM product_search')) {
        const o = ordinal(r.id);
        if (o === undefined) continue;
        if (parseTsvector(r.tsv, (t) => this.termId(t), docs)) docs.close(o);
        else {
          docs.drop();
          this.exact = false;
        }
      }
    }
    this.grow(ordinals);
    this.fill(docs, false);
    this.order(); // the vocabulary in order now, not at the first prefix searched
  }

  /** The term lists again: the current ones (without their stale entries) and these documents; each document's entries stay together. */
  private fill(docs: Docs, keep: boolean): void {
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
    }
    this.post = post;
    this.pos = pos;
    this.start = start;
  }

  /** SQLite: each document's tokens as FTS5 gives them (ASCII split here, anything else by FTS5 in a temporary table). */
  private async tokenizeSqlite(rows: { id: number; text: string }[], ordinal: (id: number | string) => number | undefined, out: Docs): Promise<void> {
    const others: { o: number; text: string }[] = [];
    for (const r of rows) {
      const o = ordinal(Number(r.id));
      if (o === undefined) continue;
      const text = r.text;
      if (NON_ASCII.test(text)) {
        others.push({ o, text });
        continue;
      }
      // FTS5's unicode61 on ASCII: letters and digits make tokens, folded to lower case
      const lower = text.toLowerCase();
      let begin = -1;
      for (let i = 0; i <= lower.length; i++) {
        const c = i < lower.length ? lower.charCodeAt(i) : 32;
        const word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
        if (word && begin < 0) begin = i;
        else if (!word && begin >= 0) {
          out.push(this.termId(lower.slice(begin, i)), 0);
          begin = -1;
        }
      }
      out.close(o);
    }
    if (others.length === 0) return;
    await this.db.run(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_tokenize USING fts5(text, tokenize = '${FTS_TOKENIZE}')`);
    await this.db.run('CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_tokenize_terms USING fts5vocab(temp, search_tokenize, instance)');
    for (let i = 0; i < others.length; i += CHUNK) {
      const chunk = others.slice(i, i + CHUNK);
      const byDoc = new Map<number, number[]>(chunk.map((c) => [c.o, []]));
      await this.db.transaction(async (tx) => {
        await tx.run('DELETE FROM temp.search_tokenize');
        for (const c of chunk) await tx.run('INSERT INTO temp.search_tokenize (rowid, text) VALUES (?, ?)', [c.o, c.text]);
        for (const r of await tx.all<{ term: string; doc: number }>('SELECT term, doc FROM temp.search_tokenize_terms')) byDoc.get(Number(r.doc))?.push(this.termId(r.term));
        await tx.run('DELETE FROM temp.search_tokenize');
      });
      for (const [o, terms] of byDoc) {
        for (const t of terms) out.push(t, 0);
        out.close(o);
      }
    }
  }

  /** Reads these SKUs' documents again (their text changed), into the overlay. */
  async update(skus: readonly string[], ordinal: (sku: string) => number | undefined, ordinals: number, vocabulary: Vocabulary | null): Promise<void> {
    this.grow(ordinals);
    const docs = new Docs();
    const seen = new Set<number>();
    for (let i = 0; i < skus.length; i += CHUNK) {
      const chunk = skus.slice(i, i + CHUNK);
      if (this.db.dialect === 'sqlite') {
        const rows = await this.db.all<{ sku: string; text: string }>(`SELECT p.sku, s.text FROM products p JOIN product_search s ON s.rowid = p.rowid WHERE p.sku IN (${list(chunk.length)})`, chunk);
        for (const r of rows) vocabulary?.add(r.text);
        const byOrdinal = rows.flatMap((r) => {
          const o = ordinal(r.sku);
          return o === undefined ? [] : [{ id: o, text: r.text }];
        });
        await this.tokenizeSqlite(byOrdinal, (o) => o as number, docs);
      } else {
        for (const r of await this.db.all<{ sku: string; text: string; tsv: string }>(`SELECT sku, text, tsv::text AS tsv FROM product_search WHERE sku IN (${list(chunk.length)})`, chunk)) {
          vocabulary?.add(r.text);
          const o = ordinal(r.sku);
          if (o === undefined) continue;
          if (parseTsvector(r.tsv, (t) => this.termId(t), docs)) docs.close(o);
          else {
            docs.drop();
            this.exact = false;
          }
        }
      }
      for (const s of chunk) {
        const o = ordinal(s);
        if (o !== undefined) seen.add(o);
      }
    }
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
    this.fill(docs, true);
    this.stale.fill(0);
    this.overlay.clear();
  }

  /** Term ids in byte order. */
  private order(): number[] {
    this.sorted ??= Array.from(this.termText.keys()).sort((a, b) => byteOrder(this.termText[a], this.termText[b]));
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
