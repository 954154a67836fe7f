import type { Db } from '../../../../common/storage/index.ts';

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
 * folded into the lists once the overlay holds more than MAX_OVERLAY documents.
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

const MAX_OVERLAY = 2000;
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

/** Strings in UTF-8 byte order (code point order), as both databases order terms. */
function byteOrder(a: string, b: string): number {
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

/** Parses a tsvector's text form: 'lexeme':1,5B 'other' … (null: a lexeme without positions). */
function parseTsvector(text: string, termId: (t: string) => number): Doc | null {
  const terms: number[] = [];
  const pos: number[] = [];
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
    if (text[i] !== ':') return null;
    i++;
    const id = termId(lexeme);
    for (;;) {
      let p = 0;
      while (text[i] >= '0' && text[i] <= '9') p = p * 10 + (text.charCodeAt(i++) - 48);
      const w = text[i] === 'A' ? 3 : text[i] === 'B' ? 2 : text[i] === 'C' ? 1 : 0;
      if (text[i] === 'A' || text[i] === 'B' || text[i] === 'C' || text[i] === 'D') i++;
      terms.push(id);
      pos.push((w << 14) | Math.min(p, MAXENTRYPOS - 1));
      if (text[i] !== ',') break;
      i++;
    }
  }
  return { terms: Int32Array.from(terms), pos: Uint16Array.from(pos) };
}

export class TextIndex {
  private readonly termIds = new Map<string, number>();
  private readonly termText: string[] = [];
  /** term ids in byte order of their text */
  private sorted: number[] = [];
  private sortedValid = true;
  /** per term: the ordinals holding it, one entry per occurrence, each document's entries together */
  private post: Int32Array[] = [];
  /** per term, in step with post: each occurrence's position (PostgreSQL) */
  private pos: Uint16Array[] = [];
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
    let n = this.length.byteLength + this.stale.byteLength + this.mark.byteLength + this.stamp.byteLength + this.freq.byteLength + this.score.byteLength;
    for (let t = 0; t < this.post.length; t++) n += this.post[t].byteLength + (this.pos[t]?.byteLength ?? 0);
    return n;
  }

  private termId(t: string): number {
    let id = this.termIds.get(t);
    if (id === undefined) {
      id = this.termText.length;
      this.termIds.set(t, id);
      this.termText.push(t);
      this.post.push(new Int32Array(0));
      this.pos.push(new Uint16Array(0));
      this.sortedValid = false;
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
    const docs: [number, Doc][] = [];
    if (this.db.dialect === 'sqlite') {
      const rows = await this.db.all<{ id: number; text: string }>('SELECT rowid AS id, text FROM product_search');
      await this.tokenizeSqlite(rows, ordinal, docs);
    } else {
      for (const r of await this.db.all<{ id: string; tsv: string }>('SELECT sku AS id, tsv::text AS tsv FROM product_search')) {
        const o = ordinal(r.id);
        if (o === undefined) continue;
        const doc = parseTsvector(r.tsv, (t) => this.termId(t));
        if (doc === null) this.exact = false;
        else docs.push([o, doc]);
      }
    }
    this.grow(ordinals);
    // the term lists in one go: count, then fill
    const counts = new Int32Array(this.termText.length);
    for (const [, d] of docs) for (let k = 0; k < d.terms.length; k++) counts[d.terms[k]]++;
    const post = Array.from(counts, (n) => new Int32Array(n));
    const pos = this.db.dialect === 'postgres' ? Array.from(counts, (n) => new Uint16Array(n)) : counts.length ? Array.from(counts, () => new Uint16Array(0)) : [];
    const fill = new Int32Array(this.termText.length);
    for (const [o, d] of docs) {
      // entries of one document together: its terms are grouped by term id first
      const order = Array.from(d.terms.keys()).sort((a, b) => d.terms[a] - d.terms[b] || a - b);
      for (const k of order) {
        const t = d.terms[k];
        if (this.db.dialect === 'postgres') pos[t][fill[t]] = d.pos[k];
        post[t][fill[t]++] = o;
      }
      if (this.length[o] < 0) this.docs++;
      else this.tokens -= this.length[o];
      this.length[o] = d.terms.length;
      this.tokens += d.terms.length;
    }
    this.post = post;
    this.pos = pos;
  }

  /** SQLite: each document's tokens as FTS5 gives them (ASCII split here, anything else by FTS5 in a temporary table). */
  private async tokenizeSqlite(rows: { id: number; text: string }[], ordinal: (id: number | string) => number | undefined, out: [number, Doc][]): Promise<void> {
    const others: { o: number; text: string }[] = [];
    for (const r of rows) {
      const o = ordinal(Number(r.id));
      if (o === undefined) continue;
      if (NON_ASCII.test(r.text)) {
        others.push({ o, text: r.text });
        continue;
      }
      const words = r.text.toLowerCase().split(/[^a-z0-9]+/);
      const terms: number[] = [];
      for (const w of words) if (w) terms.push(this.termId(w));
      out.push([o, { terms: Int32Array.from(terms), pos: new Uint16Array(terms.length) }]);
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
      for (const [o, terms] of byDoc) out.push([o, { terms: Int32Array.from(terms), pos: new Uint16Array(terms.length) }]);
    }
  }

  /** Reads these SKUs' documents again (their text changed), into the overlay. */
  async update(skus: readonly string[], ordinal: (sku: string) => number | undefined, ordinals: number): Promise<void> {
    this.grow(ordinals);
    const docs: [number, Doc][] = [];
    const seen = new Set<number>();
    for (let i = 0; i < skus.length; i += CHUNK) {
      const chunk = skus.slice(i, i + CHUNK);
      if (this.db.dialect === 'sqlite') {
        const rows = await this.db.all<{ sku: string; text: string }>(`SELECT p.sku, s.text FROM products p JOIN product_search s ON s.rowid = p.rowid WHERE p.sku IN (${list(chunk.length)})`, chunk);
        const byOrdinal = rows.flatMap((r) => {
          const o = ordinal(r.sku);
          return o === undefined ? [] : [{ id: o, text: r.text }];
        });
        await this.tokenizeSqlite(byOrdinal, (o) => o as number, docs);
      } else {
        for (const r of await this.db.all<{ sku: string; tsv: string }>(`SELECT sku, tsv::text AS tsv FROM product_search WHERE sku IN (${list(chunk.length)})`, chunk)) {
          const o = ordinal(r.sku);
          if (o === undefined) continue;
          const doc = parseTsvector(r.tsv, (t) => this.termId(t));
          if (doc === null) this.exact = false;
          else docs.push([o, doc]);
        }
      }
      for (const s of chunk) {
        const o = ordinal(s);
        if (o !== undefined) seen.add(o);
      }
    }
    const found = new Set(docs.map(([o]) => o));
    for (const o of seen) if (!found.has(o)) this.replace(o, null);
    for (const [o, d] of docs) this.replace(o, d);
    if (this.overlay.size > MAX_OVERLAY) this.fold();
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
    const added = new Map<number, { o: number[]; p: number[] }>();
    for (const [o, d] of this.overlay) {
      const order = Array.from(d.terms.keys()).sort((a, b) => d.terms[a] - d.terms[b] || a - b);
      for (const k of order) {
        let e = added.get(d.terms[k]);
        if (!e) added.set(d.terms[k], (e = { o: [], p: [] }));
        e.o.push(o);
        e.p.push(d.pos[k]);
      }
    }
    const pg = this.db.dialect === 'postgres';
    for (let t = 0; t < this.post.length; t++) {
      const old = this.post[t];
      const extra = added.get(t);
      let keep = 0;
      for (let k = 0; k < old.length; k++) if (!this.stale[old[k]]) keep++;
      if (keep === old.length && !extra) continue;
      const post = new Int32Array(keep + (extra?.o.length ?? 0));
      const pos = pg ? new Uint16Array(post.length) : this.pos[t];
      let n = 0;
      for (let k = 0; k < old.length; k++) {
        if (this.stale[old[k]]) continue;
        if (pg) pos[n] = this.pos[t][k];
        post[n++] = old[k];
      }
      if (extra) for (let k = 0; k < extra.o.length; k++) {
        if (pg) pos[n] = extra.p[k];
        post[n++] = extra.o[k];
      }
      this.post[t] = post;
      this.pos[t] = pos;
    }
    this.stale.fill(0);
    this.overlay.clear();
  }

  /** Term ids in byte order. */
  private order(): number[] {
    if (!this.sortedValid) {
      this.sorted = Array.from(this.termText.keys()).sort((a, b) => byteOrder(this.termText[a], this.termText[b]));
      this.sortedValid = true;
    }
    return this.sorted;
  }

  /** The terms a query word stands for (a prefix: every indexed term it starts, in byte order), as term ids. */
  private expand(term: string, prefix: boolean): number[] {
    if (!prefix) {
      const id = this.termIds.get(term);
      return id === undefined ? [] : [id];
    }
    const sorted = this.order();
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byteOrder(this.termText[sorted[mid]], term) < 0) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let k = lo; k < sorted.length && this.termText[sorted[k]].startsWith(term); k++) out.push(sorted[k]);
    return out;
  }

  /** Calls fn for each current document holding one of these terms: its ordinal and its occurrences (start, end) in `post[t]`/`pos[t]` or in an overlay document. */
  private each(ids: readonly number[], fn: (o: number, post: Int32Array | null, pos: Uint16Array, start: number, end: number, t: number) => void): void {
    for (const t of ids) {
      const post = this.post[t];
      const pos = this.pos[t];
      let k = 0;
      while (k < post.length) {
        const o = post[k];
        let e = k + 1;
        while (e < post.length && post[e] === o) e++;
        if (!this.stale[o]) fn(o, post, pos, k, e, t);
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
        if (at.length) fn(o, null, Uint16Array.from(at), 0, at.length, t);
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
      this.each(phrase, (o, _post, _pos, start, end) => {
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
    // each match's entries (operand, positions), operands in order and each operand's lexemes in byte order
    const first = new Map<number, number>();
    const last = new Map<number, number>();
    const next: number[] = [];
    const item: number[] = [];
    const arrays: Uint16Array[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    unique.forEach(([, tids], i) => {
      // a prefix's terms come in byte order already; an exact term is one
      for (const t of tids) {
        this.each([t], (o, _post, pos, start, end) => {
          if (this.mark[o] !== done) return;
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
      }
    });
    const useAnd = and && size >= 2;
    for (let h = 0; h < hits.ids.length; h++) {
      const o = hits.ids[h];
      let res: number;
      if (!useAnd) {
        res = 0;
        for (let e = first.get(o) ?? -1; e >= 0; e = next[e]) {
          const p = arrays[e];
          let resj = 0;
          let wjm = -1;
          let jm = 0;
          for (let j = 0; j < ends[e] - starts[e]; j++) {
            const w = WEIGHTS[p[starts[e] + j] >> 14];
            resj = f32(resj + f32(w / ((j + 1) * (j + 1))));
            if (w > wjm) {
              wjm = w;
              jm = j;
            }
          }
          res = f32(res + f32(f32(wjm + resj) - f32(wjm / ((jm + 1) * (jm + 1)))) / 1.64493406685);
        }
        res = f32(res / size);
      } else {
        res = -1;
        const current: number[] = new Array(size).fill(-1);
        for (let e = first.get(o) ?? -1; e >= 0; e = next[e]) {
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
      }
      if (res < 0) res = f32(1e-20);
      hits.ranks[h] = -res;
    }
  }
}
